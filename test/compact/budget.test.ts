/**
 * The budget's size bound: a segment that fits its note budget even uncompressed is not compressed
 * to learn so. The bound must never be below what zstd writes, and fitting with it must decide
 * exactly as fitting with the compressed size does.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import fc from 'fast-check';
import { fitBudget, noteBytes, noteBytesUpTo } from '../../src/compact/budget.js';
import { encodeStream } from '../../src/compact/stream-codec.js';
import { compressedAtMost, compressEnvelope, SMALL_ENVELOPE } from '../../src/notes/payload-line.js';

const zstd = createRequire(import.meta.url)('zstd-napi/binding.js') as { compressBound(size: number): number };

test('compressedAtMost is zstd\'s own compressBound, on both sides of its 128 KiB bend and of the level switch', () => {
  const sizes = [0, 1, 2, 255, 256, 257, 2047, 2048, 4096, 131_071, 131_072, 131_073, SMALL_ENVELOPE - 1, SMALL_ENVELOPE, SMALL_ENVELOPE + 1, 64 << 20];
  for (const size of sizes) assert.equal(compressedAtMost(size), zstd.compressBound(size), `size ${size}`);
  fc.assert(fc.property(fc.integer({ min: 0, max: 1 << 30 }), (size) => compressedAtMost(size) === zstd.compressBound(size)));
});

test('incompressible bytes compress to at most the bound, at level 19 and at level 12', () => {
  for (const size of [0, 1, 100, 131_071, 131_073, SMALL_ENVELOPE, SMALL_ENVELOPE + 1]) {
    const bytes = randomBytes(size);
    assert.ok(compressEnvelope(bytes).length <= compressedAtMost(size), `size ${size}`);
  }
});

test('noteBytesUpTo: never below noteBytes; exactly noteBytes whenever it is over the limit', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: -1, max: 4096 }), (value, limit) => {
      const exact = noteBytes(value);
      const got = noteBytesUpTo(value, limit);
      return got >= exact && (got <= limit || got === exact);
    }),
    { numRuns: 300 },
  );
});

/** A stream of `lines` lines of varied text (compressible, but not to nothing). */
function body(lines: number) {
  const out: [number, string, string][] = [];
  for (let i = 0; i < lines; i++) out.push([i / 10, 'o', `${i} ${Math.sin(i).toString(36)} ${(i * 7919).toString(16)}\r\n`]);
  return { events: [[1, 'aisess.agent', '{"prompt":"go"}']] as [number, string, string][], screen: 'the screen text', stream: encodeStream(out) };
}

test('fitBudget decides as it would with the compressed size, at budgets below, around and above the segment', () => {
  const exact = (v: unknown) => noteBytes(v);
  for (const lines of [10, 300, 3_000]) {
    const b = body(lines);
    const whole = noteBytes(b);
    const raw = Buffer.byteLength(JSON.stringify(b));
    for (const budget of [10, 200, Math.floor(whole / 2), whole - 1, whole, whole + 1, raw, 2 * raw, Infinity]) {
      assert.deepEqual(fitBudget(b, budget), fitBudget(b, budget, exact), `${lines} lines, budget ${budget}`);
    }
  }
});

test('a segment that fits its budget uncompressed is measured without compressing it', () => {
  const b = body(50);
  const limits: number[] = [];
  const spy = (v: unknown, limit: number) => {
    limits.push(limit);
    return noteBytesUpTo(v, limit);
  };
  assert.equal(fitBudget(b, 256 * 1024, spy), b);
  assert.deepEqual(limits, [256 * 1024]);
  assert.ok(noteBytesUpTo(b, 256 * 1024) >= Buffer.byteLength(JSON.stringify(b)), 'the bound, not the compressed size');
});
