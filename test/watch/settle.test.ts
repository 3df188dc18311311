/**
 * A file is truncated before it is filled: a scan in between must not report the empty file the
 * writer never meant. The scanner's clock is set by hand, so "just modified" is exact.
 */
import assert from 'node:assert/strict';
import { closeSync, openSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { Scanner } from '../../src/watch/scan.js';
import { gitRunner } from '../../src/watch/run-git.js';
import { watchWorktree, type WorktreeChange } from '../../src/watch/worktree.js';
import { git, tempRepo } from '../helpers/git.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function scanner(tree: Record<string, string>) {
  const repo = tempRepo(tree);
  cleanups.push(repo.cleanup);
  const clock = { now: Date.now() };
  const scan = new Scanner({ root: repo.path, run: gitRunner(repo.path), ignore: (p) => p.startsWith('.git'), algo: 'sha1', untrackedCache: false, now: () => clock.now });
  const mtime = (path: string) => statSync(join(repo.path, path)).mtimeMs;
  return { root: repo.path, scan, clock, mtime };
}

test('a file caught between truncate and write is held back, then reported with its content', async () => {
  const s = scanner({ 'a.txt': 'a\n' });
  await s.scan.scan();
  const fd = openSync(join(s.root, 'b.txt'), 'w');
  s.clock.now = s.mtime('b.txt') + 1;
  assert.deepEqual(await s.scan.scan(), [], 'the empty file is not reported');
  assert.equal(s.scan.unsettled, true);
  writeSync(fd, 'b1\n');
  closeSync(fd);
  s.clock.now = s.mtime('b.txt') + 1000;
  assert.deepEqual(await s.scan.scan(), [{ path: 'b.txt', blob: git(s.root, ['hash-object', 'b.txt']), status: 'added', before: null, mtime: s.mtime('b.txt') }]);
  assert.equal(s.scan.unsettled, false);
});

test('an edit of a tracked file that settles is reported once, against the committed blob', async () => {
  const s = scanner({ 'a.txt': 'a\n' });
  await s.scan.scan();
  writeFileSync(join(s.root, 'a.txt'), 'a2\n');
  s.clock.now = s.mtime('a.txt') + 10;
  assert.deepEqual(await s.scan.scan(), []);
  s.clock.now += 100;
  const before = git(s.root, ['rev-parse', 'HEAD:a.txt']);
  assert.deepEqual(await s.scan.scan(), [{ path: 'a.txt', blob: git(s.root, ['hash-object', 'a.txt']), status: 'modified', before, mtime: s.mtime('a.txt') }]);
  assert.deepEqual(await s.scan.scan(), [], 'reported once');
});

test('a file written without pause is reported anyway once held for half a second', async () => {
  const s = scanner({ 'a.txt': 'a\n' });
  await s.scan.scan();
  writeFileSync(join(s.root, 'log.txt'), 'one\n');
  const start = s.mtime('log.txt') + 1;
  s.clock.now = start;
  assert.deepEqual(await s.scan.scan(), []);
  writeFileSync(join(s.root, 'log.txt'), 'one\ntwo\n');
  s.clock.now = start + 600;
  utimesSync(join(s.root, 'log.txt'), new Date(), new Date(s.clock.now - 5));
  const changes = await s.scan.scan();
  assert.deepEqual(changes.map((c) => c.path), ['log.txt']);
  assert.equal(s.scan.unsettled, false);
});

test('the snapshot holds nothing back: a file written just before it is in it', async () => {
  const s = scanner({ 'a.txt': 'a\n' });
  writeFileSync(join(s.root, 'new.txt'), 'n\n');
  s.clock.now = s.mtime('new.txt') + 1;
  assert.deepEqual((await s.scan.scan()).map((c) => c.path), ['new.txt']);
  assert.equal(s.scan.unsettled, false);
});

test('the snapshot reads again a file written between its stat and its hash: the blob it reports is one the file had', async () => {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  cleanups.push(repo.cleanup);
  const file = join(repo.path, 'a.txt');
  writeFileSync(file, 'before the session\n');
  utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  // The agent's write lands in two steps, each right before one of the scanner's hashes: truncated, then filled.
  const steps = [() => writeFileSync(file, ''), () => writeFileSync(file, 'by the agent\n')];
  const plain = gitRunner(repo.path);
  const run: typeof plain = (args, input, env) => {
    if (args[0] === 'hash-object') steps.shift()?.();
    return plain(args, input, env);
  };
  const scan = new Scanner({ root: repo.path, run, ignore: (p) => p.startsWith('.git'), algo: 'sha1', untrackedCache: false });
  const [change, ...more] = await scan.scan();
  assert.deepEqual(more, []);
  assert.equal(change?.blob, git(repo.path, ['hash-object', 'a.txt']), 'the content written last, not the truncated file');
  assert.equal(change?.mtime, statSync(file).mtimeMs, 'with the time of that content');
  assert.equal(steps.length, 0, 'the file was hashed again after it moved');
});

test('a held change that is undone before the next scan is never reported', async () => {
  const s = scanner({ 'a.txt': 'a\n' });
  await s.scan.scan();
  writeFileSync(join(s.root, 'a.txt'), 'tmp\n');
  s.clock.now = s.mtime('a.txt') + 1;
  assert.deepEqual(await s.scan.scan(), []);
  git(s.root, ['checkout', '--', 'a.txt']);
  s.clock.now += 1000;
  assert.deepEqual(await s.scan.scan(), []);
  assert.equal(s.scan.unsettled, false);
});

test('flush returns only once what it held back is reported', async () => {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  cleanups.push(repo.cleanup);
  const seen: WorktreeChange[] = [];
  // The watcher's timers are unref'd (it never keeps aisess alive); this test has nothing else.
  const alive = setInterval(() => {}, 1000);
  cleanups.push(() => clearInterval(alive));
  const w = watchWorktree({ root: repo.path, trigger: 'poll', pollMs: 60_000, maxPollMs: 60_000, onChange: (c) => seen.push(...c) });
  cleanups.push(() => w.stop());
  w.start();
  await w.snapshot();
  writeFileSync(join(repo.path, 'b.txt'), 'b1\n');
  await w.flush();
  assert.deepEqual(seen.map((c) => c.path), ['b.txt']);
});
