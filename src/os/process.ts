/** Whether a process still runs, as far as this machine can tell. */
import { readStatFieldsSync } from './procfs.js';

export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A process that exited but was not reaped yet still answers kill(pid, 0). A detached binder is
 * reaped by init, which some systems do a second or more late (or never, in containers whose pid 1
 * does not reap): it must not count as running. Linux says so in /proc; elsewhere it counts as running.
 */
function isZombie(pid: number): boolean {
  return readStatFieldsSync(pid)?.[0] === 'Z';
}
