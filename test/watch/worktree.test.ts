import assert from 'node:assert/strict';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { watchWorktree, type TriggerKind, type WorktreeChange, type WorktreeWatcher } from '../../src/watch/worktree.js';
import { createGitRunner, type GitRunner } from '../../src/git/runner.js';
import { git, tempRepo, writeTree } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

interface Harness {
  root: string;
  watcher: WorktreeWatcher;
  batches: WorktreeChange[][];
  /** Latest reported blob per path (undefined when never reported). */
  latest: () => Map<string, string | null>;
  errors: unknown[];
}

async function setup(tree: Record<string, string>, trigger: TriggerKind = 'dirs', before?: (root: string) => void): Promise<Harness> {
  const repo = tempRepo(tree);
  cleanups.push(repo.cleanup);
  before?.(repo.path);
  const batches: WorktreeChange[][] = [];
  const errors: unknown[] = [];
  const watcher = watchWorktree({ root: repo.path, trigger, onChange: (c) => batches.push(c), onError: (e) => errors.push(e), pollMs: 300, maxPollMs: 1000 });
  cleanups.push(() => watcher.stop());
  watcher.start();
  await watcher.snapshot();
  const latest = () => {
    const m = new Map<string, string | null>();
    for (const b of batches) for (const c of b) m.set(c.path, c.blob);
    return m;
  };
  return { root: repo.path, watcher, batches, latest, errors };
}

const hash = (root: string, path: string) => git(root, ['hash-object', '--', path]);
const committed = (root: string, path: string) => git(root, ['rev-parse', `HEAD:${path}`]);
const mtime = (root: string, path: string) => statSync(join(root, path)).mtimeMs;
const find = (h: Harness, path: string) => h.batches.flat().filter((c) => c.path === path).at(-1);

for (const trigger of ['dirs', 'worker', 'recursive', 'poll'] as const) {
  describe(`worktree watcher (${trigger} trigger)`, () => {
    test('an edit is reported with the blob git computes', async () => {
      const h = await setup({ 'src/a.ts': 'one\n', 'b.txt': 'b\n' }, trigger);
      writeFileSync(join(h.root, 'src/a.ts'), 'two\n');
      const c = await waitFor(() => find(h, 'src/a.ts'), 'the edit');
      const before = committed(h.root, 'src/a.ts');
      assert.deepEqual(c, { path: 'src/a.ts', blob: hash(h.root, 'src/a.ts'), status: 'modified', before, mtime: mtime(h.root, 'src/a.ts') });
      assert.deepEqual(h.errors, []);
    });
  });
}

describe('worktree watcher', () => {
  test('create, delete and rename in new and existing directories', async () => {
    const h = await setup({ 'a.txt': 'a\n', 'old.txt': 'old\n', 'gone.txt': 'gone\n' });
    writeTree(h.root, { 'new/deep/c.txt': 'c\n' });
    rmSync(join(h.root, 'gone.txt'));
    renameSync(join(h.root, 'old.txt'), join(h.root, 'moved.txt'));
    await waitFor(() => h.latest().size >= 4 && h.latest(), 'four changes');
    assert.deepEqual(find(h, 'new/deep/c.txt'), { path: 'new/deep/c.txt', blob: hash(h.root, 'new/deep/c.txt'), status: 'added', before: null, mtime: mtime(h.root, 'new/deep/c.txt') });
    assert.deepEqual(find(h, 'gone.txt'), { path: 'gone.txt', blob: null, status: 'deleted', before: committed(h.root, 'gone.txt') });
    assert.deepEqual(find(h, 'old.txt'), { path: 'old.txt', blob: null, status: 'deleted', before: committed(h.root, 'old.txt') });
    assert.equal(find(h, 'moved.txt')?.blob, hash(h.root, 'moved.txt'));
    // A second file in the directory created after start is noticed too.
    writeTree(h.root, { 'new/deep/d.txt': 'd\n' });
    await waitFor(() => find(h, 'new/deep/d.txt'), 'a file in a new directory');
  });

  test('a rename staged with git mv is reported as renamed', async () => {
    const h = await setup({ 'from.txt': 'x\n' });
    git(h.root, ['mv', 'from.txt', 'to.txt']);
    await waitFor(() => find(h, 'to.txt') && find(h, 'from.txt'), 'the rename');
    assert.deepEqual(find(h, 'to.txt'), { path: 'to.txt', blob: hash(h.root, 'to.txt'), status: 'renamed', from: 'from.txt', before: null, mtime: mtime(h.root, 'to.txt') });
    assert.deepEqual(find(h, 'from.txt'), { path: 'from.txt', blob: null, status: 'deleted', before: committed(h.root, 'from.txt') });
  });

  test('.gitignored files are never reported', async () => {
    const h = await setup({ '.gitignore': 'build/\n*.log\n', 'a.txt': 'a\n' });
    writeTree(h.root, { 'build/out.js': 'x', 'debug.log': 'x', 'build/deeper/y.js': 'y' });
    writeFileSync(join(h.root, 'a.txt'), 'after\n');
    await waitFor(() => find(h, 'a.txt'), 'the tracked edit');
    await h.watcher.flush();
    const paths = h.batches.flat().map((c) => c.path);
    assert.deepEqual(paths, ['a.txt']);
  });

  test('a burst of 500 writes ends with every file at its final blob', async () => {
    const h = await setup({ 'keep.txt': 'k\n' });
    for (let i = 0; i < 500; i++) writeTree(h.root, { [`burst/d${i % 10}/f${i}.txt`]: `v1 ${i}\n` });
    for (let i = 0; i < 500; i += 2) writeFileSync(join(h.root, `burst/d${i % 10}/f${i}.txt`), `v2 ${i}\n`);
    await waitFor(() => h.latest().size >= 500, '500 paths');
    await h.watcher.flush();
    const latest = h.latest();
    const expected = git(h.root, ['hash-object', '--stdin-paths'], [...latest.keys()].join('\n') + '\n').split('\n');
    assert.deepEqual([...latest.values()], expected);
    assert.equal(latest.size, 500);
  });

  test('files dirty at start are in the snapshot, not reported as changes', async () => {
    const h = await setup({ 'a.txt': 'a\n', 'b.txt': 'b\n' }, 'dirs', (root) => writeTree(root, { 'a.txt': 'dirty\n', 'u.txt': 'new\n' }));
    const snap = await h.watcher.snapshot();
    assert.deepEqual(
      snap.sort((x, y) => x.path.localeCompare(y.path)),
      [
        { path: 'a.txt', blob: hash(h.root, 'a.txt'), status: 'modified', before: committed(h.root, 'a.txt'), mtime: mtime(h.root, 'a.txt') },
        { path: 'u.txt', blob: hash(h.root, 'u.txt'), status: 'added', before: null, mtime: mtime(h.root, 'u.txt') },
      ],
    );
    writeFileSync(join(h.root, 'b.txt'), 'changed\n');
    await waitFor(() => find(h, 'b.txt'), 'the b edit');
    await h.watcher.flush();
    assert.deepEqual(h.batches.flat().map((c) => c.path), ['b.txt']);
  });

  test('a change then its revert are both reported; a commit is not a change', async () => {
    const h = await setup({ 'a.txt': 'a\n' });
    const original = hash(h.root, 'a.txt');
    writeFileSync(join(h.root, 'a.txt'), 'changed\n');
    const changed = hash(h.root, 'a.txt');
    await waitFor(() => find(h, 'a.txt'), 'the change');
    git(h.root, ['checkout', '--', 'a.txt']);
    await waitFor(() => find(h, 'a.txt')?.blob === original, 'the revert');
    writeFileSync(join(h.root, 'a.txt'), 'committed\n');
    const committed = hash(h.root, 'a.txt');
    await waitFor(() => h.batches.length === 3 && h.batches, 'the third edit');
    git(h.root, ['commit', '-qam', 'c']);
    await h.watcher.flush();
    await h.watcher.flush();
    assert.deepEqual(h.batches.flat().map((c) => c.blob), [changed, original, committed]);
  });

  test('names with spaces, unicode and newlines', async () => {
    const h = await setup({ 'plain.txt': 'p\n' }, 'dirs');
    const names = ['with space.txt', 'ünï cødé/ファイル.txt', 'new\nline.txt'];
    for (const n of names) writeTree(h.root, { [n]: `${n}\n` });
    await waitFor(() => names.every((n) => find(h, n)) && true, 'the odd names');
    for (const n of names) assert.equal(find(h, n)?.blob, git(h.root, ['hash-object', '--stdin'], `${n}\n`));
  });

  test('works in a linked worktree whose path has a space', async () => {
    const h0 = tempRepo({ 'a.txt': 'a\n' });
    cleanups.push(h0.cleanup);
    const wt = join(h0.path, '..', `${h0.path.split('/').at(-1)} linked`);
    git(h0.path, ['worktree', 'add', '-q', '-b', 'side', wt]);
    cleanups.push(() => rmSync(wt, { recursive: true, force: true }));
    const batches: WorktreeChange[][] = [];
    const w = watchWorktree({ root: wt, onChange: (c) => batches.push(c), pollMs: 300 });
    cleanups.push(() => w.stop());
    w.start();
    await w.snapshot();
    writeFileSync(join(wt, 'a.txt'), 'linked edit\n');
    writeFileSync(join(h0.path, 'a.txt'), 'main edit\n');
    await waitFor(() => batches.length > 0, 'the linked edit');
    await w.flush();
    const before = git(wt, ['rev-parse', 'HEAD:a.txt']);
    assert.deepEqual(batches.flat(), [{ path: 'a.txt', blob: git(wt, ['hash-object', 'a.txt']), status: 'modified', before, mtime: statSync(join(wt, 'a.txt')).mtimeMs }]);
  });

  test('git never runs twice at once, however many events arrive', async () => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    cleanups.push(repo.cleanup);
    const inner = createGitRunner(repo.path);
    let running = 0;
    let most = 0;
    // The one-off directory listing of the dirs trigger may overlap the first scan; scans never overlap.
    const counting: GitRunner = { ...inner, run: async (args, o) => {
      if (args[0] === 'ls-tree') return inner.run(args, o);
      running++;
      most = Math.max(most, running);
      try {
        return await inner.run(args, o);
      } finally {
        running--;
      }
    } };
    const batches: WorktreeChange[][] = [];
    const w = watchWorktree({ root: repo.path, git: counting, onChange: (c) => batches.push(c), debounceMs: 1, maxWaitMs: 5, pollMs: 50 });
    cleanups.push(() => w.stop());
    w.start();
    await w.snapshot();
    for (let i = 0; i < 300; i++) writeTree(repo.path, { [`f${i % 30}.txt`]: `${i}\n` });
    await waitFor(() => batches.flat().filter((c) => c.path.startsWith('f')).length >= 30 && true, 'the writes');
    await Promise.all([w.flush(), w.flush(), w.flush()]);
    assert.equal(most, 1);
  });
});
