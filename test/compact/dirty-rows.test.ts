/**
 * Reading only the rows xterm marked changed must read the same screen as reading every row, after
 * any mix of writes, erases, scrolls (with and without a region), inserted and deleted lines and
 * characters, line feeds at the bottom and reverse index at the top.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import xterm from '@xterm/headless';
import { DirtyRows } from '../../src/compact/dirty-rows.js';
import { screenRows } from '../../src/compact/terminal-rows.js';

const ROWS = 8;
const row = fc.integer({ min: 1, max: ROWS });
const n = fc.integer({ min: 0, max: 4 });
const seq = fc.oneof(
  fc.tuple(row, fc.integer({ min: 1, max: 20 }), fc.stringMatching(/^[a-z ]{0,12}$/)).map(([r, c, t]) => `\x1b[${r};${c}H${t}`),
  fc.constantFrom('\x1b[K', '\x1b[1K', '\x1b[2K', '\x1b[J', '\x1b[1J', '\x1b[2J', '\r\n', '\n', '\x1bM', '\x1bD', '\x1bE', '\x1b[r', '\x1b[?2026h', '\x1b[?2026l'),
  fc.tuple(fc.constantFrom('S', 'T', 'L', 'M', '@', 'P', 'X'), n).map(([f, k]) => `\x1b[${k}${f}`),
  fc.tuple(row, row).map(([a, b]) => `\x1b[${Math.min(a, b)};${Math.max(a, b)}r`),
  fc.stringMatching(/^[A-Z]{1,30}$/),
);

test('DirtyRows property: rows read through the dirty range equal every row read', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(seq, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }), async (chunks) => {
      const term = new xterm.Terminal({ cols: 20, rows: ROWS, allowProposedApi: true });
      const dirty = new DirtyRows(term);
      await new Promise<void>((r) => term.write('\x1b[?1049h', r));
      dirty.all();
      let last: string[] | undefined;
      for (const chunk of chunks) {
        await new Promise<void>((r) => term.write(chunk.join(''), r));
        const { from, to } = dirty.take();
        last = screenRows(term.buffer.active, ROWS, last, from, to);
        assert.deepEqual(last, screenRows(term.buffer.active, ROWS));
      }
      term.dispose();
    }),
    { numRuns: 300 },
  );
});
