import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compress } from 'zstd-napi';
import { decompressCapped, jsonDepthOver, LimitError } from '../../src/journal/bounded.js';
import { zeroBomb } from '../helpers/zstd-bomb.js';

const MB = 1024 ** 2;

test('a bomb that declares its size is refused before anything is decoded', () => {
  const bomb = zeroBomb(2048 * MB, true);
  assert.ok(bomb.length < 200_000, `bomb is ${bomb.length} bytes`);
  assert.throws(() => decompressCapped(bomb, 64 * MB), (e) => e instanceof LimitError && /declares 2147483648 bytes/.test(e.message));
});

test('a bomb that declares no size stops at the cap while streaming', () => {
  const bomb = zeroBomb(1024 * MB, false);
  const before = process.memoryUsage().rss;
  assert.throws(() => decompressCapped(bomb, 16 * MB), (e) => e instanceof LimitError && /more than the limit of 16777216/.test(e.message));
  assert.ok(process.memoryUsage().rss - before < 200 * MB);
});

test('content up to the cap decodes exactly, one byte more does not', () => {
  const data = Buffer.from('abc'.repeat(100_000));
  assert.deepEqual(decompressCapped(compress(data), data.length), data);
  assert.deepEqual(decompressCapped(zeroBomb(3 * MB, false), 3 * MB), Buffer.alloc(3 * MB));
  assert.throws(() => decompressCapped(compress(data), data.length - 1), LimitError);
  assert.throws(() => decompressCapped(zeroBomb(3 * MB, false), 3 * MB - 1), LimitError);
  // Two frames: the declared sizes add up.
  const two = Buffer.concat([compress(data), compress(data)]);
  assert.equal(decompressCapped(two, 2 * data.length).length, 2 * data.length);
  assert.throws(() => decompressCapped(two, 2 * data.length - 1), LimitError);
});

test('damaged zstd is an ordinary error, not a limit', () => {
  const good = compress(Buffer.from('hello world '.repeat(1000)));
  assert.throws(() => decompressCapped(good.subarray(0, good.length - 5), MB), (e) => !(e instanceof LimitError));
  assert.throws(() => decompressCapped(Buffer.from('not zstd at all'), MB), (e) => !(e instanceof LimitError));
});

test('JSON depth is measured without recursion; brackets in strings do not count', () => {
  assert.equal(jsonDepthOver('{"a":[1,{"b":[]}]}', 4), false);
  assert.equal(jsonDepthOver('{"a":[1,{"b":[]}]}', 3), true);
  assert.equal(jsonDepthOver(JSON.stringify({ s: '[[[[[[[[\\"{{{{' }), 1), false);
  assert.equal(jsonDepthOver(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`, 256), true);
});
