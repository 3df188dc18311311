/**
 * After `git commit --amend` or `git rebase` (post-rewrite: "old new" pairs on stdin): notes travel
 * through notes.rewriteRef, but a binder still running for the old commit may land after git copied
 * them, so the records of each old commit are copied here too (same ids: never doubled). Then what
 * is still pending binds to the new commits, which may have taken more of it.
 */
import type { Repo } from '../git/repo.js';
import { bindCommit, type BindOptions, type BindResult } from './binder.js';
import { bindLockPath } from './lock.js';
import { withLock } from './lock.js';
import { defaultNotes } from './notes-port.js';

/** Pure: post-rewrite's stdin → [old, new] pairs (a third field, extra info, is ignored). */
export function parseRewritePairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const line of text.split('\n')) {
    const [from, to] = line.trim().split(/\s+/);
    if (from && to && /^[0-9a-f]{4,}$/.test(from) && /^[0-9a-f]{4,}$/.test(to)) pairs.push([from, to]);
  }
  return pairs;
}

export async function bindRewritten(
  repo: Repo,
  store: { dir: string },
  pairs: readonly [string, string][],
  opts: BindOptions = {},
): Promise<BindResult[]> {
  const notes = opts.notes ?? (await defaultNotes());
  await withLock(bindLockPath(store.dir), async () => {
    for (const [from, to] of pairs) {
      const records = await notes.readRecords(repo, from).catch(() => []);
      if (records.length === 0) continue;
      const present = new Set((await notes.readRecords(repo, to)).map((r) => r.id));
      const missing = records.filter((r) => !present.has(r.id));
      if (missing.length) await notes.appendRecords(repo, to, missing);
    }
  });
  const results: BindResult[] = [];
  // Distinct new commits (a squash maps several old commits onto one new one).
  for (const to of new Set(pairs.map(([, t]) => t))) results.push(await bindCommit(repo, store, to, { ...opts, notes }));
  return results;
}
