/**
 * The start snapshot runs after the agent is spawned (so start-up stays fast), and a quick agent
 * (a prompt given on the command line, `codex exec`) may already have written a file by then: git
 * status alone would file that as "dirty before the session". A file modified at or after the
 * agent was spawned is the session's change; the rest, and deletions (no mtime to ask), are baseline.
 * What such a file held before the spawn comes from the look taken then (src/watch/pre-session.ts):
 * a file already dirty is baseline with that content, and the session's change starts from it.
 */
import { statPath } from './blobs.js';
import type { PreSession } from './pre-session.js';
import type { WorktreeChange } from './scan.js';

export interface SplitSnapshot {
  baseline: WorktreeChange[];
  /** Changes made since startedAtMs, with their mtime: journal them as the session's own, when they happened. */
  changed: WorktreeChange[];
}

export interface BeforeSpawn {
  files: PreSession;
  /** The blob id of bytes the working tree held at a path (null: git could not say). */
  hash: (path: string, bytes: Buffer) => Promise<string | null>;
}

/** File times come from the kernel's coarse clock (a tick, up to 10 ms, behind the time of day). */
const COARSE_CLOCK_MS = 20;

export async function splitSnapshot(root: string, snapshot: readonly WorktreeChange[], spawnedAtMs: number, before?: BeforeSpawn): Promise<SplitSnapshot> {
  const stats = await Promise.all(snapshot.map((c) => (c.blob === null ? null : statPath(root, c.path))));
  const out: SplitSnapshot = { baseline: [], changed: [] };
  for (const [i, c] of snapshot.entries()) {
    const stat = stats[i];
    if (!stat || stat.mtimeMs < spawnedAtMs - COARSE_CLOCK_MS) {
      out.baseline.push(c);
      continue;
    }
    const change = { ...c, mtime: c.mtime ?? stat.mtimeMs };
    const pre = before ? await contentBefore(before, c.path) : undefined;
    // Not dirty before the spawn (or not known): the change starts from HEAD, as status says.
    if (pre === undefined || pre === c.before) out.changed.push(change);
    // Written again with what it held: nothing of the session's.
    else if (pre === c.blob) out.baseline.push(c);
    else {
      out.baseline.push({ path: c.path, blob: pre, status: pre === null ? 'deleted' : c.before === null ? 'added' : 'modified', before: c.before ?? null });
      out.changed.push({ ...change, before: pre, status: c.blob === null ? 'deleted' : pre === null ? 'added' : 'modified' });
    }
  }
  return out;
}

/** What the path held before the spawn, if it differed from HEAD then: a blob id, null (absent), undefined (clean or unknown). */
async function contentBefore(before: BeforeSpawn, path: string): Promise<string | null | undefined> {
  const f = before.files.get(path);
  switch (f?.kind) {
    case 'absent':
      return null;
    case 'blob':
      return f.blob;
    case 'bytes':
      return (await before.hash(path, f.bytes)) ?? undefined;
    default:
      return undefined;
  }
}
