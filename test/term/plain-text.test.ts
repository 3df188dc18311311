import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminalText } from '../../src/term/plain-text.js';

const rows: { name: string; input: string[]; expected: string }[] = [
  { name: 'plain lines', input: ['a\r\nb\r\n'], expected: 'a\nb' },
  { name: 'SGR colours', input: ['\x1b[1;32mok\x1b[0m done'], expected: 'ok done' },
  { name: 'cursor moves and erase', input: ['\x1b[2J\x1b[H\x1b[?25lhi\x1b[K'], expected: 'hi' },
  { name: 'OSC title with BEL and with ST', input: ['\x1b]0;host:~/x\x07a\x1b]2;t\x1b\\b'], expected: 'ab' },
  { name: 'escape split across chunks', input: ['x\x1b[3', '1my'], expected: 'xy' },
  { name: 'CR overwrites (progress bar)', input: ['10%\r50%\r100%\r\n'], expected: '100%' },
  { name: 'shorter overwrite keeps the tail', input: ['abcdef\rXY\n'], expected: 'XYcdef' },
  { name: 'backspace', input: ['abc\b\bZ\n'], expected: 'aZ' },
  { name: 'blank runs squeezed, edges trimmed', input: ['\r\n\r\na\r\n\r\n\r\n\r\nb\r\n\r\n'], expected: 'a\n\nb' },
  { name: 'tabs expanded, trailing spaces dropped', input: ['a\tb   \n'], expected: 'a    b' },
  { name: 'other controls dropped, unicode kept', input: ['\x07bell ✓ ünï 🚀\x0e\n'], expected: 'bell ✓ ünï 🚀' },
  { name: 'charset designation', input: ['\x1b(Bq\x1b)0'], expected: 'q' },
  { name: 'nothing', input: [], expected: '' },
];

for (const row of rows) {
  test(`terminalText: ${row.name}`, () => assert.equal(terminalText(row.input), row.expected));
}

test('terminalText: a long line overwritten by many CRs takes time linear in its size', () => {
  // Half the text on one line, then CRs each followed by one character: rendering that copied the
  // line at every CR was quadratic (256 KB and 1000 CRs: 10 s; the 64 KB here: 20 s).
  const input = (bytes: number): string[] => [`${'A'.repeat(bytes / 2)}${'\rB'.repeat(bytes / 4)}\n`];
  const time = (bytes: number): number => {
    const text = input(bytes);
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      assert.equal(terminalText(text), `B${'A'.repeat(bytes / 2 - 1)}`);
      best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
      // A synchronous loop cannot be timed out: stop at once when the small input is already slow.
      assert.ok(best < 2000, `${bytes} bytes took ${best.toFixed(0)} ms`);
    }
    return best;
  };
  // A ratio of milliseconds is noise on a shared machine; the quadratic cost is minutes. Linear
  // rendering of 256 KB takes tens of ms even when loaded: a second is far from both.
  const large = time(1 << 18);
  assert.ok(large < 1000, `256 KB took ${large.toFixed(1)} ms (quadratic rendering takes minutes)`);
});
