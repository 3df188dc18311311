import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { utf8Stream } from '../../src/pty/utf8.js';

describe('utf8Stream', () => {
  const text = 'aü€😀日本';
  const bytes = Buffer.from(text);
  for (let cut = 0; cut <= bytes.length; cut++) {
    it(`keeps characters whole when a chunk ends at byte ${cut}`, () => {
      const d = utf8Stream();
      assert.equal(d.write(bytes.subarray(0, cut)) + d.write(bytes.subarray(cut)) + d.end(), text);
    });
  }
  it('turns a dangling partial character into U+FFFD at the end', () => {
    const d = utf8Stream();
    assert.equal(d.write(Buffer.from([0x61, 0xe2, 0x82])) + d.end(), 'a\ufffd');
  });
});
