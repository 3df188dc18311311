/**
 * Where mergeNotes writes notes (src/notes/note-layout.ts) in trees of every shape: fanned out,
 * flat and outgrowing it, mixed depths, one object at two depths. Checked against plain git's
 * `git notes merge -s cat_sort_uniq`, read back by `git notes list`/`show` and by aisess's reader,
 * and by `git fsck`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { mergeNotes, readNotes, renderNote } from '../../src/notes/index.js';
import { git, gitEnv, tempDir } from '../helpers/git.js';
import { manyCommits, open, record, tempRepos } from './helpers.js';

const { repoWith, removeLater } = tempRepos();
const note = (...ids: string[]): string => renderNote(ids.map((id, i) => record(id, { id }, i)));
/** An object's note path at a fanout depth: `ab/cd/ef…` for 2. */
const fan = (object: string, depth: number): string => `${object.slice(0, 2 * depth).replace(/(..)/g, '$1/')}${object.slice(2 * depth)}`;

/** A notes commit on `ref` from `parent` (or none) with notes set (text) or removed (null) at explicit paths, by fast-import. */
function layoutCommit(dir: string, ref: string, parent: string | null, notes: [path: string, text: string | null][]): string {
  const parts = [`commit ${ref}`, 'committer Ada Test <ada@example.com> 1767225600 +0000', 'data 0', ...(parent ? [`from ${parent}`] : [])];
  for (const [path, text] of notes) {
    if (text === null) parts.push(`D ${path}`);
    else parts.push(`M 100644 inline ${path}`, `data ${Buffer.byteLength(text)}`, text);
  }
  execFileSync('git', ['fast-import', '--quiet', '--force'], { cwd: dir, input: `${parts.join('\n')}\n\n`, env: { ...process.env, ...gitEnv } });
  return git(dir, ['rev-parse', ref]);
}

/**
 * Record ids per noted commit as `git notes list` lists them and git looks each one up: `%N` of one
 * `git log --no-walk --stdin` takes the same per-commit path (get_note) as `git notes show`, in one
 * process instead of two per commit.
 */
function gitIds(dir: string, ref: string): Map<string, string[]> {
  const commits = git(dir, ['notes', `--ref=${ref}`, 'list']).split('\n').filter(Boolean).map((l) => l.split(' ')[1]!);
  const log = execFileSync('git', ['log', '--no-walk=unsorted', '--stdin', `--notes=${ref}`, '--format=%H%x00%N%x01'], {
    cwd: dir, input: `${commits.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...gitEnv },
  });
  const shown = log.split('\x01\n').slice(0, -1).map((entry) => entry.split('\0') as [string, string]);
  assert.deepEqual(shown.map(([c]) => c), commits, 'git log showed each listed commit once');
  return new Map(shown.map(([c, text]) => [c, idsIn(text)]));
}
const idsIn = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('aisess')).map((l) => l.split(' ')[1]!).sort();

/** The merged notes are plain git's union, read the same by aisess, each object once, and fsck is clean. */
async function assertSound(dir: string, oracle: string): Promise<string[]> {
  const merged = gitIds(dir, 'aisess');
  assert.deepEqual(merged, gitIds(dir, oracle));
  const ours = await readNotes(await open(dir));
  assert.deepEqual(new Map([...ours].map(([c, n]) => [c, n.records.map((r) => r.id).sort()])), merged);
  const paths = git(dir, ['ls-tree', '-r', '--name-only', 'refs/notes/aisess']).split('\n');
  assert.equal(new Set(paths.map((p) => p.replaceAll('/', ''))).size, paths.length);
  assert.equal(git(dir, ['fsck', '--strict', '--no-dangling', '--no-progress']), '');
  return paths;
}

/** Merges theirs into aisess, and theirs into a copy of aisess by `git notes merge -s cat_sort_uniq`. */
async function mergeBoth(dir: string, theirs: string): Promise<void> {
  git(dir, ['update-ref', 'refs/notes/plain', 'refs/notes/aisess']);
  assert.equal((await mergeNotes(await open(dir), theirs, { message: 'sync' })).kind, 'merged');
  git(dir, ['notes', '--ref=plain', 'merge', '-q', '-s', 'cat_sort_uniq', theirs]);
}

test('into a fanned-out tree: every note at its depth, new ones in the fanout directories', async () => {
  const dir = repoWith();
  const cs = manyCommits(dir, 800);
  layoutCommit(dir, 'refs/notes/aisess', null, cs.slice(0, 400).map((c, i) => [fan(c, 1), note(`o-${i}:0`)]));
  const theirs = layoutCommit(dir, 'refs/notes/theirs', null, cs.slice(200, 800).map((c, i) => [c, note(...(i % 3 ? [] : [`o-${i + 200}:0`]), `t-${i}:0`)]));
  await mergeBoth(dir, theirs);
  const paths = await assertSound(dir, 'plain');
  assert.equal(paths.length, 800);
  assert.ok(paths.every((p) => /^[0-9a-f]{2}\/[0-9a-f]{38}$/.test(p)));
});

test('a flat tree outgrowing the fanout threshold is fanned out, its old notes moved', async () => {
  const dir = repoWith();
  const cs = manyCommits(dir, 620);
  layoutCommit(dir, 'refs/notes/aisess', null, cs.slice(0, 20).map((c, i) => [c, note(`o-${i}:0`)]));
  const theirs = layoutCommit(dir, 'refs/notes/theirs', null, cs.slice(10, 620).map((c, i) => [fan(c, 1), note(`t-${i}:0`)]));
  await mergeBoth(dir, theirs);
  const paths = await assertSound(dir, 'plain');
  assert.equal(paths.length, 620);
  assert.ok(paths.every((p) => /^[0-9a-f]{2}\/[0-9a-f]{38}$/.test(p)));
});

for (const added of [30, 700]) {
  describe(`mixed depths with a common base, ${added} notes added on their side (${added > 500 ? 'listed' : 'looked up'})`, () => {
    test('changes and removals at every depth stay at their paths, new notes follow the fanout', async () => {
      const dir = repoWith();
      const cs = manyCommits(dir, 300 + added);
      const depth = (i: number): number => (i < 100 ? 0 : i < 200 ? 1 : 2);
      const base = layoutCommit(dir, 'refs/notes/base', null, cs.slice(0, 210).map((c, i) => [fan(c, depth(i)), note(`b-${i}:0`)]));
      const theirs = layoutCommit(dir, 'refs/notes/theirs', base, [
        ...[0, 100].map((i): [string, null] => [fan(cs[i]!, depth(i)), null]),
        ...[1, 2, 101, 102, 201, 202].map((i): [string, string] => [fan(cs[i]!, depth(i)), note(`b-${i}:0`, `t-${i}:0`)]),
        ...cs.slice(300, 300 + added).map((c, i): [string, string] => [fan(c, 1), note(`new-${i}:0`)]),
      ]);
      layoutCommit(dir, 'refs/notes/aisess', base, [2, 102, 202, 3, 103, 203].map((i) => [fan(cs[i]!, depth(i)), note(`b-${i}:0`, `o-${i}:0`)]));
      await mergeBoth(dir, theirs);
      const paths = await assertSound(dir, 'plain');
      for (const i of [1, 2, 3, 101, 102, 103, 201, 202, 203]) assert.ok(paths.includes(fan(cs[i]!, depth(i))), `note ${i} stays at depth ${depth(i)}`);
      assert.ok(!paths.includes(fan(cs[0]!, 0)) && !paths.includes(fan(cs[100]!, 1)));
      assert.deepEqual(idsIn(git(dir, ['notes', '--ref=aisess', 'show', cs[202]!])), ['b-202:0', 'o-202:0', 't-202:0']);
      assert.equal(paths.length, 208 + added);
    });
  });
}

test('an object ours has at two depths is merged from both and written once', async () => {
  const dir = repoWith();
  const cs = manyCommits(dir, 300);
  const [x, y] = [cs[0]!, cs[1]!];
  layoutCommit(dir, 'refs/notes/aisess', null, [[fan(x, 0), note('flat:0')], [fan(x, 1), note('fanned:0')], ...cs.slice(2, 300).map((c, i): [string, string] => [fan(c, 1), note(`o-${i}:0`)])]);
  assert.deepEqual(idsIn(git(dir, ['notes', '--ref=aisess', 'show', x])), ['fanned:0', 'flat:0']);
  const theirs = layoutCommit(dir, 'refs/notes/theirs', null, [[x, note('theirs:0')], [y, note('y:0')]]);
  assert.equal((await mergeNotes(await open(dir), theirs, { message: 'sync' })).kind, 'merged');
  assert.deepEqual(idsIn(git(dir, ['notes', '--ref=aisess', 'show', x])), ['fanned:0', 'flat:0', 'theirs:0']);
  const paths = git(dir, ['ls-tree', '-r', '--name-only', 'refs/notes/aisess']).split('\n');
  assert.deepEqual(paths.filter((p) => p.replaceAll('/', '') === x), [fan(x, 1)]);
  assert.ok(paths.includes(fan(y, 1)));
  const read = await readNotes(await open(dir), [x]);
  assert.deepEqual(read.get(x)!.records.map((r) => r.id).sort(), ['fanned:0', 'flat:0', 'theirs:0']);
  assert.equal(git(dir, ['fsck', '--strict', '--no-dangling', '--no-progress']), '');
});

test('a SHA-256 repository: 64-digit ids, fanned out and merged like SHA-1 ones', async () => {
  const { path: dir, cleanup } = tempDir();
  removeLater(cleanup);
  git(dir, ['init', '-q', '--object-format=sha256']);
  const cs = manyCommits(dir, 700);
  layoutCommit(dir, 'refs/notes/aisess', null, cs.slice(0, 400).map((c, i) => [fan(c, 1), note(`o-${i}:0`)]));
  const theirs = layoutCommit(dir, 'refs/notes/theirs', null, cs.slice(200, 700).map((c, i) => [fan(c, 1), note(`t-${i}:0`)]));
  await mergeBoth(dir, theirs);
  const paths = await assertSound(dir, 'plain');
  assert.ok(paths.length === 700 && paths.every((p) => /^[0-9a-f]{2}\/[0-9a-f]{62}$/.test(p)));
});
