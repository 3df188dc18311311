import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AltRows } from '../../src/compact/alt-rows.js';
import { similarRow } from '../../src/compact/similar-row.js';
import { framesArb, playOps, word } from './screen-ops.js';

/** Frames through AltRows, then flush: the lines it kept. */
function keep(frames: string[][]): string[] {
  const out: string[] = [];
  const rows = new AltRows((lines) => out.push(...lines));
  for (const f of frames) rows.offer(f);
  rows.flush();
  return out;
}

const cases: { name: string; frames: string[][]; expected: string[] }[] = [
  { name: 'one frame', frames: [['a', '', 'b']], expected: ['a', '', 'b'] },
  {
    name: 'history scrolled up by one row per frame: every line once, in order',
    frames: [['h1', 'h2', 'h3', '', 'input'], ['h2', 'h3', 'h4', '', 'input'], ['h3', 'h4', 'h5', '', 'input'], ['h4', 'h5', 'h6', '', 'input']],
    expected: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', '', 'input'],
  },
  {
    name: 'scrolled by three rows at once',
    frames: [['a', 'b', 'c', 'd', 'foot'], ['d', 'e', 'f', 'g', 'foot']],
    expected: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'foot'],
  },
  {
    name: 'blank lines that scroll off keep paragraphs apart',
    frames: [['p1', '', 'p2', 'x', 'foot'], ['', 'p2', 'x', 'y', 'foot'], ['p2', 'x', 'y', 'z', 'foot']],
    expected: ['p1', '', 'p2', 'x', 'y', 'z', 'foot'],
  },
  {
    name: 'a spinner ticking in place is one line, its last state',
    frames: [['q', '⠋ Working (0s)', 'input'], ['q', '⠙ Working (1s)', 'input'], ['q', '⠹ Working (2s)', 'input'], ['q', '', 'input']],
    expected: ['q', '⠹ Working (2s)', '', 'input'],
  },
  {
    name: 'typing in the input row keeps only what was submitted',
    frames: [['hist', '› '], ['hist', '› h'], ['hist', '› he'], ['hist', '› hel'], ['hist', '› help'], ['hist', '› Ask anything']],
    expected: ['hist', '› help', '› Ask anything'],
  },
  {
    name: 'a row replaced by different text keeps the old text, after the line above it',
    frames: [['title', 'menu one', 'foot'], ['title', 'other view', 'foot']],
    expected: ['title', 'menu one', 'other view', 'foot'],
  },
  {
    name: 'a left line goes after the nearest line above that is still shown, not before it',
    frames: [['q1', 'a1', '', 'status: thinking', 'in'], ['q1', 'a1', '', 'done: 5 files', 'in'], ['a1', 'q2', '', '', 'in'], ['q2', 'a2', '', '', 'in']],
    expected: ['q1', 'a1', 'status: thinking', 'done: 5 files', 'q2', 'a2', '', 'in'],
  },
  {
    name: 'history redrawn after it scrolled away is not kept twice',
    frames: [['one', 'two', 'three', 'in'], ['three', 'four', 'five', 'in'], ['one', 'two', 'three', 'in'], ['four', 'five', 'six', 'in']],
    expected: ['one', 'two', 'three', 'four', 'five', 'six', 'in'],
  },
  {
    name: 'an equal line among new lines is kept again (a second closing brace)',
    frames: [['f() {', '  x', '}', 'in'], ['}', 'g() {', '  y', 'in'], ['  y', '}', '', 'in']],
    expected: ['f() {', '  x', '}', 'g() {', '  y', '}', '', 'in'],
  },
  {
    name: 'leaving and entering again starts a fresh screen',
    frames: [['x']],
    expected: ['x'],
  },
];

for (const c of cases) {
  test(`AltRows: ${c.name}`, () => {
    const got = keep(c.frames).filter((l, i, a) => !(l === '' && a[i - 1] === ''));
    assert.deepEqual(got, c.expected);
  });
}

const similar: [string, string, boolean][] = [
  ['⠋ Working (3s • esc to interrupt)', '⠙ Working (4s • esc to interrupt)', true],
  ['Working (9s)', 'Working (10s)', true],
  ['› hel', '› help', true],
  ['⚠ 1 warning', '← for agents · ? for shortcuts   ⚠ 1 warning', true],
  ['Answer one is here', 'Something else entirely', false],
  ['  Answer 6 line 9: detail END6', '  Answer 7 line 2: detail', false],
];
for (const [a, b, expected] of similar) {
  test(`similarRow(${JSON.stringify(a)}, ${JSON.stringify(b)}) = ${expected}`, () => assert.equal(similarRow(a, b), expected));
}

test('AltRows property: random writes, clears and scrolls never lose a shown line, keep each once, never throw', () => {
  fc.assert(
    fc.property(framesArb, (batches) => {
      const { frames, shown } = playOps(batches);
      const kept = keep(frames).filter((l) => l !== '');
      assert.deepEqual([...kept].sort(), [...shown].sort());
    }),
    { numRuns: 500 },
  );
});

test('AltRows property: a history that only scrolls up, by any steps, reads in the order it was written', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 }), (steps) => {
      let n = 0;
      const history: string[] = [];
      const frames: string[][] = [];
      for (const step of steps) {
        for (let i = 0; i < step; i++) history.push(word(n++));
        frames.push([...history.slice(-5), ...Array.from({ length: Math.max(0, 5 - history.length) }, () => ''), '', 'input']);
      }
      const kept = keep(frames).filter((l) => l !== '');
      assert.deepEqual(kept, [...history, 'input']);
    }),
    { numRuns: 300 },
  );
});
