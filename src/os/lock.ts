/**
 * The one lock file aisess takes (binders, recovery, init): created exclusively, holding its
 * holder's pid and host. A lock left by a dead process, or older than staleMs, is broken, and
 * breakers take turns so two contenders never both hold it.
 */
import { open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { pidExists } from './process.js';

export interface LockOptions {
  /** A holder older than this is presumed dead even if its pid lives (pid reuse, hung process). */
  staleMs?: number;
  /** Give up waiting after this long. */
  timeoutMs?: number;
  pollMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(readonly path: string) {
    super(`timed out waiting for the lock ${path}`);
    this.name = 'LockTimeoutError';
  }
}

/** How long a contender waits for the lock by default. */
export const LOCK_WAIT_MS = 30_000;

export async function withLock<T>(path: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const { staleMs = 60_000, timeoutMs = LOCK_WAIT_MS, pollMs = 25 } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await tryAcquire(path)) break;
    const stale = await staleLock(path, staleMs);
    // Broken: take it at once. Another contender is breaking it: wait as for a holder.
    if (stale !== null && (await breakLock(path, stale))) continue;
    if (Date.now() > deadline) throw new LockTimeoutError(path);
    await new Promise((r) => setTimeout(r, pollMs + Math.random() * pollMs));
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => {});
  }
}

async function tryAcquire(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'wx');
    await fh.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() }));
    await fh.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** What tells one lock file from another, even two written by one process: inode, mtime and text. */
async function identity(path: string): Promise<{ id: string; text: string; mtimeMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { id: `${info.ino}:${info.mtimeMs}:${text}`, text, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

/** The lock's identity when its holder is gone or it is older than staleMs; null while it is held. */
async function staleLock(path: string, staleMs: number): Promise<string | null> {
  const lock = await identity(path);
  if (!lock) return null;
  if (Date.now() - lock.mtimeMs > staleMs) return lock.id;
  // A holder writes its pid right after creating the file: one that is still empty a moment later
  // was killed in between (the next bind must not wait a minute for it).
  if (lock.text === '') return Date.now() - lock.mtimeMs > EMPTY_STALE_MS ? lock.id : null;
  try {
    const holder = JSON.parse(lock.text) as { pid?: number; host?: string };
    return typeof holder.pid === 'number' && holder.host === hostname() && !pidExists(holder.pid) ? lock.id : null;
  } catch {
    return null;
  }
}

/** An empty lock older than this lost its holder between creating and writing it. */
const EMPTY_STALE_MS = 2000;

/** A breaker that died mid-break leaves its guard: after this long it is removed. */
const GUARD_STALE_MS = 5000;

/**
 * Several contenders may find the same stale lock; deleting it by name could delete a fresh lock
 * one of them took meanwhile, and two would hold it. Breakers take turns under a guard file and
 * delete the lock only if it is still the one they judged stale. False: another breaker's turn.
 */
async function breakLock(path: string, stale: string): Promise<boolean> {
  const guard = `${path}.break`;
  try {
    await writeFile(guard, '', { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const info = await stat(guard).catch(() => null);
    if (info && Date.now() - info.mtimeMs > GUARD_STALE_MS) await unlink(guard).catch(() => {});
    return false;
  }
  try {
    if ((await identity(path))?.id === stale) await unlink(path).catch(() => {});
    return true;
  } finally {
    await unlink(guard).catch(() => {});
  }
}
