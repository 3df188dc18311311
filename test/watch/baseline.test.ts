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
