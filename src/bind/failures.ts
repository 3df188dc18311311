/**
 * Binds that failed, kept in `<store>/bind-failures.json` until a later bind of the same session
 * succeeds: `aisess status` lists them and every other command says so in one line, so a note that
 * was never written does not go unnoticed. The changes stay pending meanwhile; nothing is dropped.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../os/atomic-write.js';

export interface BindFailure {
  /** Unix epoch milliseconds. */
  at: number;
  session: string;
  commit?: string;
  message: string;
}

/** Only the latest are kept: the log says what is wrong now, not a history. */
const KEEP = 20;

export function failuresPath(storeDir: string): string {
  return join(storeDir, 'bind-failures.json');
}

export async function readFailures(storeDir: string): Promise<BindFailure[]> {
  try {
    const value = JSON.parse(await readFile(failuresPath(storeDir), 'utf8')) as unknown;
    return Array.isArray(value) ? (value as BindFailure[]).filter((f) => typeof f?.message === 'string') : [];
  } catch {
    return [];
  }
}

/** Replaces the failures of the given sessions with these (none: the sessions bound fine). */
export async function recordFailures(storeDir: string, sessions: readonly string[], failures: readonly BindFailure[]): Promise<void> {
  const before = await readFailures(storeDir);
  const kept = before.filter((f) => !sessions.includes(f.session));
  const next = [...kept, ...failures].slice(-KEEP);
  if (next.length === 0 && before.length === 0) return;
  await writeJsonAtomic(failuresPath(storeDir), next);
}
