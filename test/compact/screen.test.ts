import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderScreenText, ScreenRenderer, type StreamEvent } from '../../src/compact/screen.js';

const size = { cols: 40, rows: 10 };
/** Output chunks 0.01 s apart; `pause` marks a chunk followed by a long stable pause. */
function stream(...chunks: (string | { pause: string } | { resize: string })[]): StreamEvent[] {
  let t = 0;
  return chunks.map((c): StreamEvent => {
    t += typeof c === 'object' && 'pause' in c ? 1 : 0.01;
    if (typeof c === 'string') return [t, 'o', c];
    return 'pause' in c ? [t, 'o', c.pause] : [t, 'r', c.resize];
  });
}
const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const box = (text: string) => `\x1b[3A\x1b[2K╭────╮\r\n\x1b[2K│ ${text}\r\n\x1b[2K╰────╯\r\n`;

const cases: { name: string; events: StreamEvent[]; size?: { cols: number; rows: number }; expected: string }[] = [
  { name: 'plain lines', events: stream('one\r\ntwo\r\n', 'three'), expected: 'one\ntwo\nthree' },
  { name: 'spinner redrawn 1000 times appears once, final state', events: stream('start\r\n', ...repeat(1000, (i) => `\r\x1b[2K${'|/-\\'[i % 4]} working ${i}`), '\r\ndone'), expected: 'start\n\\ working 999\ndone' },
  { name: 'prompt box redrawn per keystroke: final state only', events: stream('\r\n\r\n\r\n', ...repeat(12, (i) => box('hello world'.slice(0, i)))), expected: '╭────╮\n│ hello world\n╰────╯' },
  { name: 'alternate screen snapshot, main screen restored', events: stream('before\r\n', '\x1b[?1049h\x1b[H\x1b[2J', 'ALT VIEW\r\nmenu', { pause: '\x1b[2;1Hmenu item' }, '\x1b[?1049l', 'after\r\n'), expected: 'before\nALT VIEW\nmenu item\nafter' },
  { name: 'alternate screen: distinct views each kept once', events: stream('\x1b[?1049h', { pause: '\x1b[H\x1b[2Jview one' }, { pause: '\x1b[H\x1b[2Jview two' }, { pause: '\x1b[H\x1b[2Jview two' }, '\x1b[?1049l'), expected: 'view one\nview two' },
  { name: 'resize mid-stream keeps every line once', events: stream(...repeat(15, (i) => `l${i}\r\n`), { resize: '20x5' }, ...repeat(6, (i) => `m${i}\r\n`), { resize: '60x20' }, 'end'), expected: [...repeat(15, (i) => `l${i}`), ...repeat(6, (i) => `m${i}`), 'end'].join('\n') },
  { name: 'wide and unicode characters', events: stream('日本語のテキスト ✻ émoji 🎉\r\n', 'ok'), expected: '日本語のテキスト ✻ émoji 🎉\nok' },
  { name: 'a long line soft-wrapped is one line', size: { cols: 10, rows: 5 }, events: stream(`${'x'.repeat(25)}\r\n`, ...repeat(8, (i) => `n${i}\r\n`)), expected: ['x'.repeat(25), ...repeat(8, (i) => `n${i}`)].join('\n') },
  // A piped agent's JSON line can be longer than the screen: its head scrolled off, its tail is still in view.
  { name: 'a line longer than the screen, still partly in view at the end, is one line', size: { cols: 10, rows: 3 },
    events: stream('first\r\n', `${'a'.repeat(30)}${'b'.repeat(15)}\r\n`, 'last'), expected: ['first', `${'a'.repeat(30)}${'b'.repeat(15)}`, 'last'].join('\n') },
];

for (const c of cases) {
  test(`renderScreenText: ${c.name}`, async () => {
    const { text } = await renderScreenText(c.events, c.size ?? size);
    assert.equal(text, c.expected);
  });
}

test('renderScreenText: 10k scrolling lines come out once each, in order', async () => {
  const lines = repeat(10_000, (i) => `line number ${i}`);
  const events = stream(...repeat(100, (k) => lines.slice(k * 100, k * 100 + 100).join('\r\n') + '\r\n'));
  const { text, lines: count } = await renderScreenText(events, { cols: 80, rows: 24 });
  assert.deepEqual(text.split('\n'), lines);
  assert.equal(count, 10_000);
});

test('ScreenRenderer: memory stays bounded over 50 MB of scrolling output', async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  let seen = 0;
  let peak = 0;
  const renderer = new ScreenRenderer({ cols: 120, rows: 40 }, () => seen++);
  const chunk = repeat(1000, (i) => `${String(i).padStart(6, '0')} ${'scrolling output '.repeat(5)}`).join('\r\n') + '\r\n';
  const rounds = Math.ceil((50 * 1024 * 1024) / chunk.length);
  for (let r = 0; r < rounds; r++) {
    await renderer.feed([[r, 'o', chunk]]);
    if (r % 50 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
  }
  await renderer.finish();
  assert.equal(seen, rounds * 1000);
  // Without draining, xterm would hold ~480k rows of 120 cells (over 600 MB).
  assert.ok(peak < 200 * 1024 * 1024, `heap grew by ${Math.round(peak / 1e6)} MB`);
});
