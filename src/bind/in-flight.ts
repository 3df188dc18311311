/**
 * Binds run in the background (the hook must not make a commit wait), so a reader started right
 * after a commit could miss the note that is being written. Each background binder leaves a
 * `binding.<pid>` marker in the store; readers wait, briefly, while a marked process is alive. A
 * binder removes its own marker however it ends (releaseAtExit); one left by a kill -9, or written by
 * the hook after its binder had already ended, is swept by the next binder, `status` and the readers.
 */
import { unlinkSync } from 'node:fs';
import { readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pidExists } from '../os/process.js';
import { warmInFlight } from './warm.js';

const PREFIX = 'binding.';

export function inFlightPath(storeDir: string, pid: number): string {
  return join(storeDir, `${PREFIX}${pid}`);
}

export async function markInFlight(storeDir: string, pid: number): Promise<() => Promise<void>> {
  const path = inFlightPath(storeDir, pid);
  await writeFile(path, '').catch(() => {});
  return () => unlink(path).catch(() => {});
}

/**
 * Live binder pids in the store (the warm binder's while a commit waits for it, src/bind/warm.ts);
 * markers of processes that are gone are removed.
 */
export async function bindersInFlight(storeDir: string): Promise<number[]> {
  const names = await readdir(storeDir).catch(() => [] as string[]);
  const live: number[] = [];
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length));
    if (Number.isInteger(pid) && pid > 0 && pidExists(pid)) live.push(pid);
    else await unlink(join(storeDir, name)).catch(() => {});
  }
  return [...live, ...(await warmInFlight(storeDir))];
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


const RELEASE_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

/**
 * Removes the markers of `pids` in `storeDir` when this process ends: normally, by process.exit or
 * an uncaught error, or by SIGTERM, SIGHUP or SIGINT (it then still dies by that signal). Only a
 * SIGKILL leaves the marker, for the next sweep. Returns a function that removes them at once.
 */
export function releaseAtExit(storeDir: string, pids: number[]): () => void {
  let done = false;
  const release = (): void => {
    if (done) return;
    done = true;
    for (const pid of pids) {
      try {
        unlinkSync(inFlightPath(storeDir, pid));
      } catch {
        // Not there (never written, or swept): nothing to do.
      }
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    release();
    for (const s of RELEASE_SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  process.once('exit', release);
  for (const s of RELEASE_SIGNALS) process.on(s, onSignal);
  return release;
}
