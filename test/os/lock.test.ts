/** The bind lock: one holder at a time, also when many contenders find a dead holder's lock at once. */
import assert from 'node:assert/strict';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { withLock } from '../../src/os/lock.js';
import { tempDir } from '../helpers/git.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function dir(): string {
  const d = tempDir('aisess-lock-');
  cleanups.push(d.cleanup);
  return d.path;
}

/** Runs `n` contenders at once; returns the most that ever held the lock together. */
async function contend(path: string, n: number): Promise<number> {
  let holding = 0;
  let most = 0;
  await Promise.all(Array.from({ length: n }, () => withLock(path, async () => {
    most = Math.max(most, ++holding);
    await new Promise((r) => setTimeout(r, 5));
    holding--;
  }, { pollMs: 1 })));
  return most;
}

test('contenders take the lock one at a time and leave nothing behind', async () => {
  const d = dir();
  assert.equal(await contend(join(d, 'bind.lock'), 12), 1);
  assert.deepEqual(readdirSync(d), []);
});

for (const [why, write] of [
  ['its holder is dead', (path: string) => writeFileSync(path, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at: 0 }))],
  ['it is older than staleMs', (path: string) => {
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), at: 0 }));
    utimesSync(path, new Date(0), new Date(0));
  }],
] as const) {
  test(`a lock left behind (${why}) is broken by exactly one contender at a time`, async () => {
    for (let round = 0; round < 20; round++) {
      const d = dir();
      const path = join(d, 'bind.lock');
      write(path);
      assert.equal(await contend(path, 8), 1, `round ${round}`);
      assert.deepEqual(readdirSync(d), []);
    }
  });
}

test('a breaker that died mid-break does not block the lock for good', async () => {
  const d = dir();
  const path = join(d, 'bind.lock');
  writeFileSync(path, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at: 0 }));
  writeFileSync(`${path}.break`, '');
  utimesSync(`${path}.break`, new Date(0), new Date(0));
  assert.equal(await withLock(path, async () => 'held', { pollMs: 1, timeoutMs: 5000 }), 'held');
  assert.deepEqual(readdirSync(d), []);
});

test('an empty lock (its holder killed between creating and writing it) is broken after a moment, not after a minute', async () => {
  const path = join(dir(), 'bind.lock');
  writeFileSync(path, '');
  const past = (Date.now() - 3000) / 1000;
  utimesSync(path, past, past);
  assert.equal(await withLock(path, async () => 'held', { timeoutMs: 1000 }), 'held');
  writeFileSync(path, '');
  await assert.rejects(withLock(path, async () => 'held', { timeoutMs: 300 }), /timed out/, 'a fresh empty lock is a holder about to write its pid');
});
