/**
 * What the tracked files held before the agent could write, taken before it is spawned. The start
 * snapshot (git status and hashing, src/watch/baseline.ts) runs after the spawn, and on a loaded
 * machine or a large repository a quick agent can rewrite a file that was already dirty before it:
 * the hunks from before the session would then count as the session's change, and a commit of only
 * those hunks would get its segment. This look is cheaper (no untracked walk, nothing hashed): the
 * bytes of files modified in the working tree are kept in memory, staged ones are known by their
 * index blob; the snapshot hashes the kept bytes only for a file it finds changed since the spawn.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitRun } from './run-git.js';
import { parseStatus } from './status.js';

export type PreSessionFile =
  /** Not in the working tree. */
  | { kind: 'absent' }
  /** Its content is this blob (the index's: staged, the working tree as staged). */
  | { kind: 'blob'; blob: string }
  /** Modified in the working tree: its bytes, to hash should the session's snapshot need them. */
  | { kind: 'bytes'; bytes: Buffer }
  /** Modified, but not kept (too large, a symlink, unreadable): what it held is unknown. */
  | { kind: 'unknown' };

/** Paths (from the working tree's top) whose content differed from HEAD before the session. */
export type PreSession = Map<string, PreSessionFile>;

/** Kept in memory until the snapshot: past these, a file is 'unknown' (its change binds as before). */
export const PRE_SESSION_FILE_BYTES = 8 << 20;
const PRE_SESSION_TOTAL_BYTES = 64 << 20;

/**
 * Tracked paths that differ from HEAD, as `git status --porcelain=v2 --untracked-files=no` lists them
 * (anywhere in the working tree: porcelain paths are from its top). `root`: the working tree's top,
 * which may still be being found out while status runs; null when there is none.
 */
export async function capturePreSession(run: GitRun, root: string | Promise<string | null>): Promise<PreSession | null> {
  const [out, top] = await Promise.all([
    run(['status', '--porcelain=v2', '-z', '--untracked-files=no', '--ignore-submodules=all', '--no-renames']),
    root,
  ]);
  if (top === null) return null;
  const files: PreSession = new Map();
  const toRead: string[] = [];
  for (const e of parseStatus(out)) {
    if (e.kind !== 'tracked') continue;
    const worktree = e.xy[1];
    if (worktree === '.') files.set(e.path, e.indexBlob === null ? { kind: 'absent' } : { kind: 'blob', blob: e.indexBlob });
    else if (worktree === 'D') files.set(e.path, { kind: 'absent' });
    else toRead.push(e.path);
  }
  let total = 0;
  for (const path of toRead) {
    const bytes = readKept(join(top, path));
    total += bytes?.length ?? 0;
    files.set(path, bytes && total <= PRE_SESSION_TOTAL_BYTES ? { kind: 'bytes', bytes } : { kind: 'unknown' });
  }
  return files;
}

/** Read in place, not through the thread pool: the agent's spawn waits for these few files. */
function readKept(file: string): Buffer | null {
  try {
    const s = lstatSync(file);
    if (!s.isFile() || s.size > PRE_SESSION_FILE_BYTES) return null;
    return readFileSync(file);
  } catch {
    return null;
  }
}
