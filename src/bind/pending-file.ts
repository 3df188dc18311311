/**
 * `<store>/pending/<session>.json` marks a session the binder must still look at after each commit:
 * while it runs, while changes of it wait for a commit, and for a day after (a `reset --soft` and
 * recommit, or an amend, moves what it bound). The hook's fast path is one look at this directory.
 * The session's binding state itself is its ledger (src/bind/ledger-file.ts).
 */
import { readdir, readFile, unlink } from 'node:fs/promises';
import { writeJsonAtomic } from '../os/atomic-write.js';
import { join } from 'node:path';

export interface PendingFile {
  v: 2;
  session: string;
  /** The working tree the session ran in: only commits made there can hold its changes. */
  worktree: string | null;
  /** Unix epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /**
   * Set when the session has ended and nothing of it waits: what a bind needs to tell, without
   * reading its journal, that a new commit cannot concern it (it touches none of these paths).
   */
  idle?: { paths: string[]; startedAt: number; headLog?: number };
}

/** A version-1 file also held the ledger of that version (src/bind/ledger-file.ts migrates it). */
export interface PendingFileV1 {
  v: 1;
  session: string;
  worktree: string | null;
  createdAt: number;
  updatedAt: number;
  ledger?: { settled?: { segment: number; path: string; blob: string | null; commit: string | null }[]; bound?: { segment: number; commit: string }[] };
}

export function pendingDir(storeDir: string): string {
  return join(storeDir, 'pending');
}

export function pendingPath(storeDir: string, session: string): string {
  return join(pendingDir(storeDir), `${session}.json`);
}

export async function readPendingRaw(storeDir: string, session: string): Promise<PendingFile | PendingFileV1 | null> {
  try {
    const value = JSON.parse(await readFile(pendingPath(storeDir, session), 'utf8')) as PendingFile | PendingFileV1;
    if ((value.v !== 1 && value.v !== 2) || value.session !== session) return null;
    return value;
  } catch {
    return null;
  }
}

export async function readPending(storeDir: string, session: string): Promise<PendingFile | null> {
  const raw = await readPendingRaw(storeDir, session);
  if (!raw) return null;
  const idle = raw.v === 2 && raw.idle && Array.isArray(raw.idle.paths) ? { idle: raw.idle } : {};
  return { v: 2, session: raw.session, worktree: raw.worktree ?? null, createdAt: raw.createdAt, updatedAt: raw.updatedAt, ...idle };
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
  await writeJsonAtomic(pendingPath(storeDir, file.session), file);
}

export async function removePending(storeDir: string, session: string): Promise<void> {
  await unlink(pendingPath(storeDir, session)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

/** Creates the pending file of a session that just changed something; keeps an existing one. */
export async function markPending(storeDir: string, session: string, worktree: string | null, now: number): Promise<void> {
  if (await readPending(storeDir, session)) return;
  await writePending(storeDir, { v: 2, session, worktree, createdAt: now, updatedAt: now });
}

/**
 * A mark younger than this whose session has no metadata yet is a session still starting, not one
 * deleted: a binder of another process can read the store between the two writes.
 */
const STARTING_MS = 60_000;

export function startingUp(file: PendingFile, now: number): boolean {
  return now - file.createdAt < STARTING_MS;
}
