/**
 * Pending state on disk: `<store>/pending/<session>.json` exists while a session has changes not
 * yet bound, so the hook's fast path is one directory check. The file holds the session's ledger
 * (what it already bound); the changes themselves are derived from the journal every time.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyLedger, type Ledger } from '../segment/types.js';

export interface PendingFile {
  v: 1;
  session: string;
  /** The working tree the session ran in: a commit in another worktree cannot hold its changes. */
  worktree: string | null;
  /** Unix epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  ledger: Ledger;
}

export function pendingDir(storeDir: string): string {
  return join(storeDir, 'pending');
}

export function pendingPath(storeDir: string, session: string): string {
  return join(pendingDir(storeDir), `${session}.json`);
}

export async function readPending(storeDir: string, session: string): Promise<PendingFile | null> {
  try {
    const value = JSON.parse(await readFile(pendingPath(storeDir, session), 'utf8')) as PendingFile;
    if (value.v !== 1 || value.session !== session) return null;
    value.ledger ??= emptyLedger();
    return value;
  } catch {
    return null;
  }
}

/** Every session with a pending file, oldest first. */
export async function listPending(storeDir: string): Promise<PendingFile[]> {
  let names: string[];
  try {
    names = await readdir(pendingDir(storeDir));
  } catch {
    return [];
  }
  const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
  const files = await Promise.all(ids.map((id) => readPending(storeDir, id)));
  return files.filter((f): f is PendingFile => f !== null).sort((a, b) => a.createdAt - b.createdAt);
}

export async function writePending(storeDir: string, file: PendingFile): Promise<void> {
  await mkdir(pendingDir(storeDir), { recursive: true });
  const path = pendingPath(storeDir, file.session);
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(file)}\n`);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}

export async function removePending(storeDir: string, session: string): Promise<void> {
  await unlink(pendingPath(storeDir, session)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/** Creates the pending file of a session that just changed something; keeps an existing one. */
export async function markPending(storeDir: string, session: string, worktree: string | null, now: number): Promise<void> {
  if (await readPending(storeDir, session)) return;
  await writePending(storeDir, { v: 1, session, worktree, createdAt: now, updatedAt: now, ledger: emptyLedger() });
}
