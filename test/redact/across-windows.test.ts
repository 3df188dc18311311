import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { windows } from '../../src/redact/across.js';

const REACH = 256;

/** The ranges as first written: each join widened on its own, up to 2×REACH characters walked per join. */
function reference(text: string, joins: readonly number[]): [number, number][] {
  const blank = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
  const out: [number, number][] = [];
  for (const j of joins) {
    let a = Math.max(0, j - REACH);
    while (a > 0 && a > j - 2 * REACH && !blank(text.charCodeAt(a - 1))) a--;
    let b = Math.min(text.length, j + REACH);
    while (b < text.length && b < j + 2 * REACH && !blank(text.charCodeAt(b))) b++;
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

describe('windows around joins', () => {
  it('a token is not cut: ranges widen to the blank around them, at most REACH more', () => {
    const text = `${'a'.repeat(300)} ${'b'.repeat(1000)}`;
    assert.deepEqual(windows(text, [700]), [[301, 1212]]);
    assert.deepEqual(windows(text, [20]), [[0, 300]]);
  });

  it('joins close together make one range', () => {
    const text = 'ab'.repeat(2000);
    assert.deepEqual(windows(text, [1000, 1010, 1800, 3000]), [[488, 2312], [2488, 3512]]);
  });

  it('the same ranges as widening each join on its own, on random text and joins', () => {
    const rnd = random(1);
    for (let t = 0; t < 3000; t++) {
      const length = rnd(3000);
      const blanks = [2, 10, 100, 400, 2000][rnd(5)]!;
      let text = '';
      for (let i = 0; i < length; i++) text += rnd(blanks) === 0 ? ' \n\t\r'[rnd(4)] : 'ab'[rnd(2)];
      const joins = [...new Set(Array.from({ length: rnd(4) === 0 ? rnd(200) : rnd(15) }, () => 1 + rnd(length)))].sort((x, y) => x - y);
      assert.deepEqual(windows(text, joins), reference(text, joins), JSON.stringify({ length, joins }));
    }
  });

  it('a megabyte without blanks, joined every ten characters, is one range', () => {
    const text = '0123456789'.repeat(100_000);
    const joins = Array.from({ length: 99_999 }, (_, i) => (i + 1) * 10);
    assert.deepEqual(windows(text, joins), [[0, text.length]]);
  });
});
