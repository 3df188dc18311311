/**
 * A lock file so a live session's binder and a hook's binder never interleave (both must land,
 * nothing twice). A lock left by a dead process, or older than staleMs, is broken.
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pidExists } from '../store/owner.js';

/** The one lock every binder of a store takes. */
export function bindLockPath(storeDir: string): string {
  return join(storeDir, 'bind.lock');
}

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

export async function withLock<T>(path: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const { staleMs = 60_000, timeoutMs = 30_000, pollMs = 25 } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await tryAcquire(path)) break;
    if (await isStale(path, staleMs)) {
      await unlink(path).catch(() => {});
      continue;
    }
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

async function isStale(path: string, staleMs: number): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    if (Date.now() - info.mtimeMs > staleMs) return true;
    // A holder that has not written its pid yet is young: not stale.
    const holder = JSON.parse(text || '{}') as { pid?: number; host?: string };
    return typeof holder.pid === 'number' && holder.host === hostname() && !pidExists(holder.pid);
  } catch {
    return false;
  }
}

