/**
 * mergeNotes (src/notes/merge.ts) on real notes trees, fanned out by git: a few changes (looked up
 * along their paths) and many (listed), three-way removals, and plain git's cat_sort_uniq as the
 * oracle for a union.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { appendRecords, mergeNotes, renderNote } from '../../src/notes/index.js';
import { git, gitEnv } from '../helpers/git.js';
import { manyCommits, open, record, tempRepos } from './helpers.js';

const { repoWith } = tempRepos();
const note = (...ids: string[]): string => renderNote(ids.map((id, i) => record(id, { id }, i)));

/** A notes commit on `ref` from `parent` (or none) setting (text) or removing (null) notes, by fast-import. */
function notesCommit(dir: string, ref: string, parent: string | null, notes: [string, string | null][]): string {
  const parts = [`commit ${ref}`, 'committer Ada Test <ada@example.com> 1767225600 +0000', 'data 0', ...(parent ? [`from ${parent}`] : [])];
  for (const [c, text] of notes) {
    if (text === null) parts.push(`N ${'0'.repeat(40)} ${c}`);
    else parts.push(`N inline ${c}`, `data ${Buffer.byteLength(text)}`, text);
  }
  execFileSync('git', ['fast-import', '--quiet', '--force'], { cwd: dir, input: `${parts.join('\n')}\n\n`, env: { ...process.env, ...gitEnv } });
  return git(dir, ['rev-parse', ref]);
}

/** Record ids per noted commit, as plain git reads the notes: one `git notes list`, one `cat-file --batch`. */
function allIds(dir: string, ref: string): Map<string, string[]> {
  const list = git(dir, ['notes', `--ref=${ref}`, 'list']).split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]);
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: dir, input: `${list.map(([b]) => b).join('\n')}\n`, maxBuffer: 1 << 28 });
  const map = new Map<string, string[]>();
  let pos = 0;
  for (const [, commit] of list) {
    const nl = out.indexOf(10, pos);
    const size = Number(out.subarray(pos, nl).toString().split(' ')[2]);
    const text = out.subarray(nl + 1, nl + 1 + size).toString();
    pos = nl + 2 + size;
    map.set(commit, text.split('\n').filter((l) => l.startsWith('aisess')).map((l) => l.split(' ')[1]!).sort());
  }
  return map;
}

for (const changed of [40, 800]) {
  describe(`three-way merge, ${changed} notes changed on their side (${changed > 500 ? 'listed' : 'looked up'})`, () => {
    test('theirs added, changed and removed; both added to one commit; ours removed one', async () => {
      const dir = repoWith();
      const cs = manyCommits(dir, changed + 400);
      // A base of 300 notes: git fans the tree out.
      const base = notesCommit(dir, 'refs/notes/base', null, cs.slice(0, 300).map((c, i) => [c, note(`base-${i}:0`)]));
      const theirsChanges: [string, string | null][] = [
        [cs[0]!, note('base-0:0', 'theirs-0:0')], // both add to commit 0
        [cs[1]!, note('base-1:0', 'theirs-1:0')], // theirs adds, ours did not touch
        [cs[2]!, null], // theirs removes, ours did not touch: removed
        [cs[3]!, note('base-3:0', 'theirs-3:0')], // theirs adds, ours removed the note: theirs' new record stays
        ...cs.slice(300, 300 + changed - 4).map((c, i): [string, string] => [c, note(`new-${i}:0`)]),
      ];
      const theirs = notesCommit(dir, 'refs/notes/theirs', base, theirsChanges);
      notesCommit(dir, 'refs/notes/aisess', base, [[cs[0]!, note('base-0:0', 'ours-0:0')], [cs[3]!, null], [cs[299]!, note('base-299:0', 'ours-299:0')]]);
      const before = git(dir, ['rev-parse', 'refs/notes/aisess']);

      const dry = await mergeNotes(await open(dir), theirs, { message: 'dry', dryRun: true });
      assert.equal(git(dir, ['rev-parse', 'refs/notes/aisess']), before);
      const r = await mergeNotes(await open(dir), theirs, { message: 'sync' });
      assert.deepEqual({ ...dry, notesCommit: r.notesCommit }, r);
      assert.equal(r.kind, 'merged');
      assert.equal(r.incoming, changed);
      assert.equal(r.combined, 2);
      assert.deepEqual(git(dir, ['rev-list', '--parents', '-n1', 'refs/notes/aisess']).split(' ').slice(1), [before, theirs]);

      const merged = allIds(dir, 'aisess');
      const ids = (c: string): string[] => merged.get(c) ?? [];
      assert.deepEqual(ids(cs[0]!), ['base-0:0', 'ours-0:0', 'theirs-0:0']);
      assert.deepEqual(ids(cs[1]!), ['base-1:0', 'theirs-1:0']);
      assert.deepEqual(ids(cs[2]!), []);
      assert.deepEqual(ids(cs[3]!), ['theirs-3:0']);
      assert.deepEqual(ids(cs[299]!), ['base-299:0', 'ours-299:0']);
      assert.deepEqual(ids(cs[300]!), ['new-0:0']);
      assert.equal(git(dir, ['notes', '--ref=aisess', 'list']).split('\n').length, 300 - 1 + changed - 4);
      // No note is left at two depths: every object once in the tree.
      const paths = git(dir, ['ls-tree', '-r', '--name-only', 'refs/notes/aisess']).split('\n').map((p) => p.replaceAll('/', ''));
      assert.equal(new Set(paths).size, paths.length);
      // Merging again changes nothing.
      assert.equal((await mergeNotes(await open(dir), theirs, { message: 'again' })).kind, 'up-to-date');
    });
  });
}

test('no common history: the same records per commit as git notes merge -s cat_sort_uniq', async () => {
  const dir = repoWith();
  const cs = manyCommits(dir, 700);
  const theirs = notesCommit(dir, 'refs/notes/theirs', null, cs.slice(200, 700).map((c, i) => [c, note(`t-${i}:0`, ...(i % 3 ? [] : [`shared-${i}:0`]))]));
  notesCommit(dir, 'refs/notes/aisess', null, cs.slice(0, 400).map((c, i) => [c, note(`o-${i}:0`, ...(i >= 200 && (i - 200) % 3 === 0 ? [`shared-${i - 200}:0`] : []))]));
  notesCommit(dir, 'refs/notes/plain', git(dir, ['rev-parse', 'refs/notes/aisess']), []);
  const r = await mergeNotes(await open(dir), theirs, { message: 'sync' });
  assert.equal(r.kind, 'merged');
  assert.equal(r.combined, 200);
  git(dir, ['notes', '--ref=plain', 'merge', '-q', '-s', 'cat_sort_uniq', 'refs/notes/theirs']);
  const merged = allIds(dir, 'aisess');
  assert.deepEqual(merged, allIds(dir, 'plain'));
  assert.deepEqual(merged.get(cs[200]!), ['o-200:0', 'shared-0:0', 't-0:0']);
});

test('ours absent or behind: a fast-forward; ahead: nothing to do', async () => {
  const dir = repoWith();
  const cs = manyCommits(dir, 3);
  const first = notesCommit(dir, 'refs/notes/theirs', null, [[cs[0]!, note('a:0')]]);
  const repo = await open(dir);
  assert.equal((await mergeNotes(repo, first, { message: 'ff' })).kind, 'fast-forward');
  assert.equal(git(dir, ['rev-parse', 'refs/notes/aisess']), first);
  const second = notesCommit(dir, 'refs/notes/theirs', first, [[cs[1]!, note('b:0')]]);
  const ff = await mergeNotes(repo, second, { message: 'ff' });
  assert.deepEqual([ff.kind, ff.incoming], ['fast-forward', 1]);
  notesCommit(dir, 'refs/notes/aisess', second, [[cs[2]!, note('c:0')]]);
  assert.equal((await mergeNotes(repo, second, { message: 'x' })).kind, 'up-to-date');
});

test('binds landing while a merge runs are kept (the merge starts again when the ref moved)', async () => {
  const dir = repoWith();
  const cs = manyCommits(dir, 620);
  const theirs = notesCommit(dir, 'refs/notes/theirs', null, cs.slice(0, 600).map((c, i) => [c, note(`t-${i}:0`)]));
  notesCommit(dir, 'refs/notes/aisess', null, [[cs[0]!, note('o-0:0')]]);
  const repo = await open(dir);
  const binds = cs.slice(600, 610).map((c, i) => appendRecords(repo, c, [record(`live-${i}:0`, { i }, i)]));
  const [merge] = await Promise.all([mergeNotes(await open(dir), theirs, { message: 'sync' }), ...binds]);
  assert.equal(merge.kind, 'merged');
  const all = allIds(dir, 'aisess');
  assert.deepEqual(all.get(cs[0]!), ['o-0:0', 't-0:0']);
  for (const [i, c] of cs.slice(600, 610).entries()) assert.deepEqual(all.get(c), [`live-${i}:0`]);
  assert.equal(all.size, 610);
});
