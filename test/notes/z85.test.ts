import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { z85Decode, z85Encode } from '../../src/notes/z85.js';

describe('z85', () => {
  const vectors: { name: string; bytes: number[]; text: string }[] = [
    { name: 'RFC 32 test vector', bytes: [0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b], text: 'HelloWorld' },
    { name: 'empty', bytes: [], text: '' },
    { name: 'zero word', bytes: [0, 0, 0, 0], text: '00000' },
    { name: 'highest word', bytes: [0xff, 0xff, 0xff, 0xff], text: '%nSc0' },
    { name: 'one byte: two characters', bytes: [0xff], text: '@@' },
    { name: 'three bytes: four characters', bytes: [0xff, 0xff, 0xff], text: '%nS9' },
    { name: 'word and a byte', bytes: [0x86, 0x4f, 0xd2, 0x6f, 0x00], text: 'Hello00' },
  ];
  for (const v of vectors) {
    test(v.name, () => {
      assert.equal(z85Encode(Buffer.from(v.bytes)), v.text);
      assert.deepEqual(z85Decode(v.text), Buffer.from(v.bytes));
    });
  }

  test('every length 0-64 and every byte value round-trip', () => {
    for (let n = 0; n <= 64; n++) {
      const bytes = randomBytes(n);
      const text = z85Encode(bytes);
      assert.equal(text.length, n + Math.ceil(n / 4));
      assert.deepEqual(z85Decode(text), bytes, `length ${n}`);
    }
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    assert.deepEqual(z85Decode(z85Encode(all)), all);
    for (let i = 1; i < 4; i++) assert.deepEqual(z85Decode(z85Encode(all.subarray(i))), all.subarray(i));
  });

  test('the text is one field of a note line: no space, quote, backslash, backtick, comma or control character', () => {
    assert.doesNotMatch(z85Encode(Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 37) & 255))), /[\s"'\\`,\x00-\x1f\x7f-\uffff]/);
  });

  const invalid: { name: string; text: string }[] = [
    { name: 'a character outside the alphabet', text: 'Hello Worl' },
    { name: 'a non-ASCII character', text: 'Hellö' },
    { name: 'a lone last character', text: 'HelloW' },
    { name: 'a group above 2^32', text: '#####' },
  ];
  for (const c of invalid) test(`refuses ${c.name}`, () => assert.equal(z85Decode(c.text), null));
});
