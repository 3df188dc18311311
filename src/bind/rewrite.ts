/**
 * After `git commit --amend` or `git rebase` (post-rewrite: "old new" pairs on stdin). Notes travel
 * through notes.rewriteRef, but a binder still running for an old commit may land after git copied
 * them, so the records of each old commit are copied too (same ids: never doubled). Then the new
 * commits are bound by content: what they hold binds (again), and copies of records whose changes a
 * new commit no longer holds (an amend that dropped a file) are removed from it; those changes wait
 * again for the commit that takes them.
 */
import type { Repo } from '../git/repo.js';
import { bindPending, type BindOptions, type BindReport } from './binder.js';
import { withBindLock } from './bind-lock.js';
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

export async function bindRewritten(repo: Repo, store: { dir: string }, pairs: readonly [string, string][], opts: BindOptions = {}): Promise<BindReport> {
  const notes = opts.notes ?? (await defaultNotes());
  await withBindLock(store.dir, async () => {
    for (const [from, to] of pairs) {
      const records = await notes.readRecords(repo, from);
      if (records.length === 0) continue;
      const present = new Set((await notes.readRecords(repo, to)).map((r) => r.id));
      const missing = records.filter((r) => !present.has(r.id));
      if (missing.length) await notes.appendRecords(repo, to, missing);
    }
  });
  const targets = [...new Set(pairs.map(([, to]) => to))];
  return bindPending(repo, store, { ...opts, notes, commits: [...(opts.commits ?? []), ...targets], rewritten: targets });
}
