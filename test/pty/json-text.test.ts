import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeJsonText } from '../../src/pty/json-text.js';

const body = (text: string) => Buffer.from(JSON.stringify(text).slice(1, -1));
const parses = (bytes: Uint8Array) => JSON.parse(`"${Buffer.from(bytes).toString()}"`) as string;

describe('completeJsonText', () => {
  it('cuts every prefix of a JSON string body at a token boundary, never more than 5 bytes short', () => {
    const text = 'a\x1b[1mé\\\\"\n✓🚀\\\u0000\t\\u001b x\\\\\\n日本';
    const whole = body(text);
    for (let cut = 0; cut <= whole.length; cut++) {
      const prefix = whole.subarray(0, cut);
      const keep = completeJsonText(prefix);
      assert.ok(keep <= cut && keep >= cut - 5, `cut ${cut}: kept ${keep}`);
      assert.doesNotThrow(() => parses(prefix.subarray(0, keep)), `cut ${cut}`);
      assert.ok(!parses(prefix.subarray(0, keep)).includes('\ufffd'), `cut ${cut}: a character was split`);
      // Whatever is kept plus the rest reads as the whole.
      assert.equal(parses(prefix.subarray(0, keep)) + parses(whole.subarray(keep)), text);
    }
  });

  it('table', () => {
    const rows: [string, number][] = [
      ['', 0], ['abc', 3], ['ab\\', 2], ['ab\\\\', 4], ['ab\\\\\\', 4], ['\\u00', 0], ['x\\u001b', 7],
      ['\\n', 2], ['\\"', 2], ['\\', 0],
    ];
    for (const [input, expected] of rows) assert.equal(completeJsonText(Buffer.from(input)), expected, input);
    assert.equal(completeJsonText(Buffer.from([0x61, 0xe2, 0x82])), 1);
    assert.equal(completeJsonText(Buffer.from([0x61, 0xe2, 0x82, 0xac])), 4);
    assert.equal(completeJsonText(Buffer.from([0x5c, 0x6e, 0xf0, 0x9f])), 2);
  });
});
