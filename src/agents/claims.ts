/**
 * Which aisess session follows which agent transcript. Two sessions of one agent in one directory
 * both see each other's new transcript; a claim file (created exclusively, under the aisess store,
 * never in the agent's directories) makes each take a different one. Claims of dead owners are void.
 */
import { mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { currentOwner, isOwnerAlive, type Owner } from '../store/owner.js';

export interface Claim {
  release(): Promise<void>;
}

interface ClaimFile {
  session: string;
  owner: Owner;
}

export function claimPath(storeDir: string, agent: string, key: string): string {
  return join(storeDir, 'agent-claims', `${agent}-${key.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

/** Takes the claim for `session`, or returns null when another live session holds it. */
export async function claimTranscript(storeDir: string, agent: string, key: string, session: string): Promise<Claim | null> {
  const file = claimPath(storeDir, agent, key);
  await mkdir(join(storeDir, 'agent-claims'), { recursive: true });
  const body: ClaimFile = { session, owner: await currentOwner() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, JSON.stringify(body), { flag: 'wx' });
      return releaser(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const held = await readClaim(file);
    if (held?.session === session) return releaser(file);
    if (held && (await isOwnerAlive(held.owner))) return null;
    // Unreadable and fresh: another session is writing it right now.
    if (!held && (await ageMs(file)) < 5000) return null;
    // A dead owner's (or long-abandoned, unreadable) claim: remove it and try once more.
    await unlink(file).catch(() => {});
  }
  return null;
}

/** Whether a running aisess session follows this transcript now (a claim whose owner is alive). */
export async function claimedLive(storeDir: string, agent: string, key: string): Promise<boolean> {
  const held = await readClaim(claimPath(storeDir, agent, key));
  return held !== null && (await isOwnerAlive(held.owner));
}

async function readClaim(file: string): Promise<ClaimFile | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as ClaimFile;
    return typeof value.session === 'string' && value.owner ? value : null;
  } catch {
    return null;
  }
}

async function ageMs(file: string): Promise<number> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch {
    return Infinity;
  }
}

function releaser(file: string): Claim {
  return { release: () => unlink(file).catch(() => {}) };
}
