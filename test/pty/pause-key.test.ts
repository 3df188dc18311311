import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pauseKeys, type KeyPart } from '../../src/pty/pause-key.js';

/** Feeds the chunks in order; the parts as strings ('|' for a toggle), adjacent bytes joined. */
function run(chunks: string[]): string {
  const keys = pauseKeys();
  const parts: KeyPart[] = chunks.flatMap((c) => keys.feed(Buffer.from(c)));
  return parts.map((p) => (p === 'toggle' ? '|' : p.toString())).join('');
}

const P = '\x1d';
const KITTY = '\x1b[93;5u';

describe('pause key filter (Ctrl-] p)', () => {
  const table: { name: string; chunks: string[]; expected: string }[] = [
    { name: 'plain keys pass', chunks: ['hello\r'], expected: 'hello\r' },
    { name: 'prefix p toggles, keys around it pass', chunks: [`ab${P}pcd`], expected: 'ab|cd' },
    { name: 'capital P toggles too', chunks: [`${P}P`], expected: '|' },
    { name: 'prefix and p in two chunks', chunks: [`ab${P}`, 'pcd'], expected: 'ab|cd' },
    { name: 'lone prefix is held, then passed with the next key', chunks: [`a${P}`, 'x'], expected: `a${P}x` },
    { name: 'prefix twice sends one', chunks: [`${P}${P}z`], expected: `${P}z` },
    { name: 'prefix twice across chunks', chunks: [P, P, 'z'], expected: `${P}z` },
    { name: 'two toggles in one chunk', chunks: [`${P}psecret${P}p!`], expected: '|secret|!' },
    { name: 'kitty Ctrl-] then p', chunks: [`${KITTY}p`], expected: '|' },
    { name: 'kitty Ctrl-] with event type', chunks: ['\x1b[93;5:1up'], expected: '|' },
    { name: 'modifyOtherKeys Ctrl-]', chunks: ['\x1b[27;5;93~p'], expected: '|' },
    { name: 'kitty report-all-keys p', chunks: [`${KITTY}\x1b[112u`], expected: '|' },
    { name: 'kitty prefix split across chunks', chunks: ['\x1b[9', '3;5u', 'p'], expected: '|' },
    { name: 'arrow keys are not a prefix', chunks: ['\x1b[A\x1b[93~'], expected: '\x1b[A\x1b[93~' },
    { name: 'escape at the end of a chunk is passed', chunks: ['\x1b', '[A'], expected: '\x1b[A' },
    { name: 'prefix then arrow passes both', chunks: [`${P}\x1b[A`], expected: `${P}\x1b[A` },
    { name: 'Ctrl-\\ is untouched', chunks: ['\x1c'], expected: '\x1c' },
    { name: 'utf-8 passes byte for byte', chunks: ['é😀'], expected: 'é😀' },
  ];
  for (const row of table) {
    it(row.name, () => assert.equal(run(row.chunks), row.expected));
  }

  it('holds nothing back except a possible prefix', () => {
    const keys = pauseKeys();
    assert.deepEqual(keys.feed(Buffer.from(`x${P}`)).map(String), ['x']);
    assert.deepEqual(keys.feed(Buffer.from('p')), ['toggle']);
    assert.deepEqual(keys.feed(Buffer.from('y')).map(String), ['y']);
  });
});
