/**
 * Binds run in the background (the hook must not make a commit wait), so a reader started right
 * after a commit could miss the note that is being written. Each background binder leaves a
 * `binding.<pid>` marker in the store; readers wait, briefly, while a marked process is alive.
 */
import { readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pidExists } from '../store/owner.js';

const PREFIX = 'binding.';

export function inFlightPath(storeDir: string, pid: number): string {
  return join(storeDir, `${PREFIX}${pid}`);
}

export async function markInFlight(storeDir: string, pid: number): Promise<() => Promise<void>> {
  const path = inFlightPath(storeDir, pid);
  await writeFile(path, '').catch(() => {});
  return () => unlink(path).catch(() => {});
}

/** Live binder pids in the store; markers of processes that are gone are removed. */
export async function bindersInFlight(storeDir: string): Promise<number[]> {
  const names = await readdir(storeDir).catch(() => [] as string[]);
  const live: number[] = [];
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length));
    if (Number.isInteger(pid) && pid > 0 && pidExists(pid)) live.push(pid);
    else await unlink(join(storeDir, name)).catch(() => {});
  }
  return live;
}

/** Resolves once no background binder runs (true if it had to wait), or after timeoutMs; onWait is told once, when waiting starts. */
export async function waitForBinders(storeDir: string, timeoutMs = 5000, pollMs = 30, onWait?: () => void): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  while ((await bindersInFlight(storeDir)).length > 0 && Date.now() < deadline) {
    if (!waited) onWait?.();
    waited = true;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return waited;
}

