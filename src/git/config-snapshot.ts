/**
 * A repository's git config, read once (`git config --list -z`) for a run that asks many keys: the
 * binder reads about ten, and each `git config --get` is a process of its own.
 */
import type { GitRunner } from './runner.js';

export interface ConfigSnapshot {
  /** The last value of a key (git's "last one wins"), or null when unset. */
  get(key: string): string | null;
  /** Every value of a multi-valued key, in order. */
  getAll(key: string): string[];
}

export async function readConfig(git: GitRunner): Promise<ConfigSnapshot> {
  return parseConfigList((await git.run(['config', '--list', '-z'])).stdout);
}

/** Pure: `git config --list -z` output ("key\nvalue\0", a key alone when it has no value). */
export function parseConfigList(out: string): ConfigSnapshot {
  const values = new Map<string, string[]>();
  for (const entry of out.split('\0')) {
    if (entry === '') continue;
    const nl = entry.indexOf('\n');
    // Section and variable names are case-insensitive (git prints them lowercased; aisess reads no subsections).
    const key = (nl < 0 ? entry : entry.slice(0, nl)).toLowerCase();
    const value = nl < 0 ? 'true' : entry.slice(nl + 1);
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  const all = (key: string) => values.get(key.toLowerCase()) ?? [];
  return { get: (key) => all(key).at(-1) ?? null, getAll: all };
}
