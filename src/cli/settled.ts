/**
 * Before a command reads notes: a commit made a moment ago is still being bound in the background
 * (the hook never makes a commit wait), so wait for the binders in flight, briefly and saying so in
 * one line; and say in one line when binds failed, so a missing note never goes unnoticed.
 */
import { readFailures } from '../bind/failures.js';
import { waitForBinders } from '../bind/in-flight.js';
import type { Repo } from '../git/repo.js';
import { storeDirOf } from '../hooks/init.js';
import { status, warn } from './output.js';

/** Longest wait for a background binder: binding a long segment takes a second or two. */
const WAIT_MS = 10_000;

export async function whenBound(repo: Repo): Promise<void> {
  const store = storeDirOf(repo);
  await waitForBinders(store, WAIT_MS, 30, () => status('waiting for aisess to finish binding the latest commit…'));
  await sayFailures(store);
}

/** One line when binds failed in this store (every command but status, which lists them, says it). */
export async function sayFailures(storeDir: string): Promise<void> {
  const failures = await readFailures(storeDir);
  if (failures.length) warn(`${failures.length} bind${failures.length === 1 ? '' : 's'} failed; \`aisess status\` says why and tries again`);
}
