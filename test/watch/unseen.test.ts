import assert from 'node:assert/strict';
import { realpathSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { gitRunner } from '../../src/watch/run-git.js';
import { parseRawDiff } from '../../src/git/diff-tree.js';
import { committedHere, unseenByCommit, unseenChanges, type UnseenInput } from '../../src/watch/unseen.js';
import { git, tempRepo, writeTree } from '../helpers/git.js';

const A0 = 'a'.repeat(40);
const A1 = 'b'.repeat(40);
const A2 = 'c'.repeat(40);

const cases: { name: string; input: UnseenInput; expected: string[] }[] = [
  { name: 'clean before, committed now, never journalled', input: { moves: [{ path: 'a', before: A0, after: A1 }], journalled: new Map(), current: new Map([['a', A1]]) }, expected: ['a modified'] },
  { name: 'already journalled with the committed content', input: { moves: [{ path: 'a', before: A0, after: A1 }], journalled: new Map([['a', A1]]), current: new Map([['a', A1]]) }, expected: [] },
  { name: 'journalled other content (written twice between scans)', input: { moves: [{ path: 'a', before: A0, after: A1 }], journalled: new Map([['a', A2]]), current: new Map([['a', A1]]) }, expected: ['a modified'] },
  { name: 'the tree holds other content now (partly staged): the watcher sees it', input: { moves: [{ path: 'a', before: A0, after: A1 }], journalled: new Map(), current: new Map([['a', A2]]) }, expected: [] },
  { name: 'dirty at start with the committed content (baseline)', input: { moves: [{ path: 'a', before: A0, after: A1 }], journalled: new Map([['a', A1]]), current: new Map([['a', A1]]) }, expected: [] },
  { name: 'added', input: { moves: [{ path: 'n', before: null, after: A1 }], journalled: new Map(), current: new Map([['n', A1]]) }, expected: ['n added'] },
  { name: 'deleted and gone', input: { moves: [{ path: 'a', before: A0, after: null }], journalled: new Map(), current: new Map([['a', null]]) }, expected: ['a deleted'] },
  { name: 'deleted from git, still on disk', input: { moves: [{ path: 'a', before: A0, after: null }], journalled: new Map(), current: new Map([['a', A0]]) }, expected: [] },
];

for (const { name, input, expected } of cases) {
  test(`unseenChanges: ${name}`, () => {
    assert.deepEqual(unseenChanges(input).map((c) => `${c.path} ${c.status}`), expected);
  });
}

test('parseRawDiff reads before and after blobs, names with spaces', () => {
  const out = `:100644 100644 ${A0} ${A1} M\0a b.txt\0:000000 100644 ${'0'.repeat(40)} ${A2} A\0new\0:100644 000000 ${A1} ${'0'.repeat(40)} D\0gone\0`;
  assert.deepEqual(parseRawDiff(out), [
    { path: 'a b.txt', before: A0, after: A1 },
    { path: 'new', before: null, after: A2 },
    { path: 'gone', before: A1, after: null },
  ]);
});

test('committedHere: commit and amend count; reset, cherry-pick and merge do not', async (t) => {
  const r = tempRepo({ 'a.txt': 'a0\n' });
  t.after(r.cleanup);
  const run = gitRunner(r.path);
  const head = () => git(r.path, ['rev-parse', 'HEAD']);
  writeTree(r.path, { 'a.txt': 'a1\n' });
  git(r.path, ['commit', '-qam', 'one']);
  assert.equal(await committedHere(run, head()), true);
  writeTree(r.path, { 'a.txt': 'a2\n' });
  git(r.path, ['commit', '-q', '--amend', '-am', 'one, amended']);
  const amended = head();
  assert.equal(await committedHere(run, amended), true);
  git(r.path, ['checkout', '-q', '-b', 'side', 'HEAD~1']);
  writeTree(r.path, { 'b.txt': 'b\n' });
  git(r.path, ['add', 'b.txt']);
  git(r.path, ['commit', '-qm', 'side']);
  const side = head();
  git(r.path, ['checkout', '-q', 'main']);
  git(r.path, ['cherry-pick', side]);
  assert.equal(await committedHere(run, head()), false, 'cherry-pick');
  git(r.path, ['reset', '-q', '--hard', amended]);
  git(r.path, ['merge', '-q', '--no-edit', side]);
  assert.equal(await committedHere(run, head()), false, 'merge');
  assert.equal(await committedHere(run, 'f'.repeat(40)), false, 'not in the reflog');
});

test('unseenByCommit: a file written and committed between scans is found; a pulled change is not', async (t) => {
  const r = tempRepo({ 'a.txt': 'a0\n', 'b.txt': 'b0\n' });
  t.after(r.cleanup);
  const root = realpathSync(r.path);
  const run = gitRunner(root);
  const parent = git(root, ['rev-parse', 'HEAD']);
  writeTree(root, { 'a.txt': 'a1\n' });
  git(root, ['commit', '-qam', 'a']);
  const commit = git(root, ['rev-parse', 'HEAD']);
  const found = await unseenByCommit(run, root, { commit, parents: [parent] }, new Map());
  const mtime = statSync(`${root}/a.txt`).mtimeMs;
  assert.deepEqual(found, [{ path: 'a.txt', blob: git(root, ['rev-parse', 'HEAD:a.txt']), status: 'modified', before: git(root, ['rev-parse', `${parent}:a.txt`]), mtime }]);
  git(root, ['reset', '-q', '--hard', parent]);
  git(root, ['merge', '-q', '--ff-only', commit]);
  assert.deepEqual(await unseenByCommit(run, root, { commit, parents: [parent] }, new Map()), [], 'a fast-forward is not a commit made here');
});

test('committedHere: a reflog that cannot be read is an error for the caller, not a silent "no"', async () => {
  const failing = async (): Promise<string> => {
    throw new Error('fatal: bad object HEAD');
  };
  await assert.rejects(committedHere(failing, 'f'.repeat(40)), /bad object HEAD/);
});
