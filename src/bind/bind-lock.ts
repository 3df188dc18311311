/** The one lock every binder of a store takes, so a live session's binder and a hook's never interleave. */
import { join } from 'node:path';
import { withLock, type LockOptions } from '../os/lock.js';

export function bindLockPath(storeDir: string): string {
  return join(storeDir, 'bind.lock');
}

export function withBindLock<T>(storeDir: string, fn: () => Promise<T>, opts?: LockOptions): Promise<T> {
  return withLock(bindLockPath(storeDir), fn, opts);
}
