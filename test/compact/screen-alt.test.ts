/**
 * The alternate screen through the whole renderer: frames drawn as a full-screen TUI draws them
 * (cursor moves, text, erase to end of line), whole or only the rows that changed, inside
 * synchronized updates or as plain chunks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { renderScreenText, type StreamEvent } from '../../src/compact/screen.js';
import { framesArb, playOps, ROWS } from './screen-ops.js';

/** One event per frame: the rows that differ from the last frame (or all), each placed and erased. */
function draw(frames: string[][], opts: { sync: boolean[]; whole: boolean[] }): StreamEvent[] {
  const events: StreamEvent[] = [[0, 'o', 'before\r\n\x1b[?1049h\x1b[H\x1b[2J']];
  let last: string[] = Array.from({ length: ROWS }, () => '');
  frames.forEach((frame, k) => {
    let data = '';
    frame.forEach((row, i) => {
      if (opts.whole[k % opts.whole.length] || row !== last[i]) data += `\x1b[${i + 1};1H${row}\x1b[K`;
    });
    const sync = opts.sync[k % opts.sync.length];
    events.push([0.01 * (k + 1), 'o', sync ? `\x1b[?2026h${data}\x1b[?2026l` : data]);
    last = frame;
  });
  events.push([0.01 * (frames.length + 1), 'o', '\x1b[?1049lafter\r\n']);
  return events;
}

test('renderScreenText property: random row writes and scrolls on the alternate screen keep every shown line once, never throw', async () => {
  await fc.assert(
    fc.asyncProperty(framesArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), async (batches, sync, whole) => {
      const { frames, shown } = playOps(batches);
      const { text } = await renderScreenText(draw(frames, { sync, whole }), { cols: 20, rows: ROWS });
      const lines = text.split('\n').filter((l) => l !== '');
      assert.equal(lines[0], 'before');
      assert.equal(lines.at(-1), 'after');
      assert.deepEqual(lines.slice(1, -1).sort(), [...shown].sort());
    }),
    { numRuns: 150 },
  );
});

test('renderScreenText: a frame drawn inside a synchronized update is read whole, not half drawn', async () => {
  // The rows are drawn in two chunks of one update: the half-drawn screen ('new top' over 'old bottom') was never shown.
  const events: StreamEvent[] = [
    [0, 'o', '\x1b[?1049h\x1b[?2026h\x1b[1;1Hold top\x1b[K\x1b[2;1Hold bottom\x1b[K\x1b[?2026l'],
    [0.01, 'o', '\x1b[?2026h\x1b[1;1Hnew top\x1b[K'],
    [0.02, 'o', '\x1b[2;1Hnew bottom\x1b[K\x1b[?2026l'],
    [0.03, 'o', '\x1b[?1049l'],
  ];
  const { text } = await renderScreenText(events, { cols: 20, rows: 4 });
  assert.equal(text, 'old top\nold bottom\nnew top\nnew bottom');
});
