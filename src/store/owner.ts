/**
 * Who owns a 'running' session. A pid alone is not enough: after aisess is kill -9'd the pid can be
 * reused, so we also keep the process start time (/proc/<pid>/stat) and the boot id.
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { pidExists } from '../os/process.js';
import { readStatFields } from '../os/procfs.js';

export interface Owner {
  pid: number;
  host: string;
  /** /proc/sys/kernel/random/boot_id, or null where there is no /proc. */
  bootId: string | null;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot), or null where there is no /proc. */
  procStart: string | null;
}

export async function currentOwner(pid: number = process.pid): Promise<Owner> {
  const [bootId, procStart] = await Promise.all([readBootId(), readProcStart(pid)]);
  return { pid, host: hostname(), bootId, procStart };
}

/** Whether the process that wrote `owner` is still running. Another host's sessions count as alive. */
export async function isOwnerAlive(owner: Owner): Promise<boolean> {
  if (owner.host !== hostname()) return true;
  const bootId = await readBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return false;
  if (!pidExists(owner.pid)) return false;
  if (owner.procStart === null) return true;
  const procStart = await readProcStart(owner.pid);
  return procStart === null || procStart === owner.procStart;
}

/** Whether a process with this pid exists (on this host). */
async function readBootId(): Promise<string | null> {
  try {
    return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
  } catch {
    return null;
  }
}

export async function readProcStart(pid: number): Promise<string | null> {
  return (await readStatFields(pid))?.[19] ?? null;
}
