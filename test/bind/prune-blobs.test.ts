import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pruneKeptBlobs } from '../../src/bind/prune-blobs.js';
import { tempDir } from '../helpers/git.js';

const DAY = 86_400_000;

test('kept blobs older than the expiry and a day go, younger ones stay; at most one pass a day; never with no expiry', async (t) => {
  const dir = tempDir('aisess-prune-');
  t.after(dir.cleanup);
  const objects = join(dir.path, 'objects', 'ab');
  mkdirSync(objects, { recursive: true });
  const now = Date.now();
  const file = (name: string, ageMs: number) => {
    writeFileSync(join(objects, name), 'x');
    utimesSync(join(objects, name), (now - ageMs) / 1000, (now - ageMs) / 1000);
    return join(objects, name);
  };
  const [old, young] = [file('old', 16 * DAY), file('young', 10 * DAY)];
  assert.equal(await pruneKeptBlobs(dir.path, Infinity, now), 0);
  assert.equal(await pruneKeptBlobs(dir.path, 14 * DAY, now), 1);
  assert.deepEqual([existsSync(old), existsSync(young)], [false, true]);
  const again = file('again', 20 * DAY);
  assert.equal(await pruneKeptBlobs(dir.path, 14 * DAY, now + 1000), 0, 'not twice in a day');
  assert.equal(await pruneKeptBlobs(dir.path, 14 * DAY, now + DAY + 1000), 1);
  assert.equal(existsSync(again), false);
});
