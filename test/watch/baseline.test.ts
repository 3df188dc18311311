import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { splitSnapshot } from '../../src/watch/baseline.js';
import { tempDir, writeTree } from '../helpers/git.js';

test('splitSnapshot: files modified since the start are the session\'s, older ones and deletions are baseline', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  writeTree(dir.path, { 'old.txt': 'x', 'new.txt': 'y' });
  const start = Date.now();
  utimesSync(join(dir.path, 'old.txt'), new Date(start - 60_000), new Date(start - 60_000));
  utimesSync(join(dir.path, 'new.txt'), new Date(start + 10), new Date(start + 10));
  const snapshot = [
    { path: 'old.txt', blob: 'a'.repeat(40) },
    { path: 'new.txt', blob: 'b'.repeat(40) },
    { path: 'gone.txt', blob: null },
    { path: 'vanished.txt', blob: 'c'.repeat(40) },
  ];
  const split = await splitSnapshot(dir.path, snapshot, start);
  assert.deepEqual(split.baseline.map((c) => c.path), ['old.txt', 'gone.txt', 'vanished.txt']);
  assert.deepEqual(split.changed.map((c) => c.path), ['new.txt']);
});

test('splitSnapshot: a file dirty before the spawn and written since starts the session\'s change from what it held then', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const start = Date.now();
  const paths = ['mod.txt', 'staged.txt', 'gone.txt', 'same.txt', 'clean.txt', 'unknown.txt', 'unhashed.txt'];
  writeTree(dir.path, Object.fromEntries(paths.map((p) => [p, 'now'])));
  for (const p of paths) utimesSync(join(dir.path, p), new Date(start + 10), new Date(start + 10));
  const [head, now, pre, staged] = ['1', '2', '3', '4'].map((c) => c.repeat(40)) as [string, string, string, string];
  const snapshot = paths.map((path) => ({ path, blob: now, status: 'modified' as const, before: head }));
  const files = new Map([
    ['mod.txt', { kind: 'bytes' as const, bytes: Buffer.from('pre') }],
    ['staged.txt', { kind: 'blob' as const, blob: staged }],
    ['gone.txt', { kind: 'absent' as const }],
    ['same.txt', { kind: 'bytes' as const, bytes: Buffer.from('now') }],
    ['unknown.txt', { kind: 'unknown' as const }],
    ['unhashed.txt', { kind: 'bytes' as const, bytes: Buffer.from('git fails') }],
  ]);
  const hash = async (_path: string, bytes: Buffer) => ({ pre, now, 'git fails': null })[bytes.toString()] ?? null;
  const split = await splitSnapshot(dir.path, snapshot, start, { files, hash });
  const strip = ({ mtime: _, ...c }: { mtime?: number }) => c;
  assert.deepEqual(split.baseline, [
    { path: 'mod.txt', blob: pre, status: 'modified', before: head },
    { path: 'staged.txt', blob: staged, status: 'modified', before: head },
    { path: 'gone.txt', blob: null, status: 'deleted', before: head },
    { path: 'same.txt', blob: now, status: 'modified', before: head },
  ]);
  assert.deepEqual(split.changed.map(strip), [
    { path: 'mod.txt', blob: now, status: 'modified', before: pre },
    { path: 'staged.txt', blob: now, status: 'modified', before: staged },
    { path: 'gone.txt', blob: now, status: 'added', before: null },
    { path: 'clean.txt', blob: now, status: 'modified', before: head },
    { path: 'unknown.txt', blob: now, status: 'modified', before: head },
    { path: 'unhashed.txt', blob: now, status: 'modified', before: head },
  ]);
  assert.ok(split.changed.every((c) => c.mtime !== undefined), 'the session\'s changes say when they happened');
});
