import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputParser } from '../../src/replay/input-parser.js';
import type { PlayerCommand } from '../../src/replay/keys.js';
import { parseSize, sizeWarning } from '../../src/replay/size.js';

describe('InputParser', () => {
  const rows: { input: string | string[]; expected: PlayerCommand[] }[] = [
    { input: '', expected: [] },
    { input: ' ', expected: ['toggle'] },
    { input: '.', expected: ['step'] },
    { input: ']', expected: ['marker'] },
    { input: '+', expected: ['faster'] },
    { input: '=', expected: ['faster'] },
    { input: '-', expected: ['slower'] },
    { input: 'q', expected: ['quit'] },
    { input: '\x03', expected: ['quit'] },
    { input: ' ..]', expected: ['toggle', 'step', 'step', 'marker'] },
    { input: 'xyz', expected: [] },
    { input: '\x1b[C', expected: [] },
    { input: '\x1bOq.', expected: ['step'] },
    { input: '\x1b[1;5C ', expected: ['toggle'] },
    { input: '\x1b', expected: [] },
    { input: '\x1bq', expected: [] },
    { input: '✓q', expected: ['quit'] },
    // Answers a terminal types by itself: their bodies hold '.', ']', '-', 'q', ';' and must stay silent.
    { input: '\x1b[12;40R', expected: [] },
    { input: '\x1b[?64;1;2;6;9;15;22c', expected: [] },
    { input: '\x1b]11;rgb:0000/0000/0000\x1b\\ ', expected: ['toggle'] },
    { input: '\x1b]10;rgb:ffff/ffff/ffff\x07q', expected: ['quit'] },
    { input: '\x1bP1+r544e=787465726d2d323536636f6c6f72\x1b\\', expected: [] },
    { input: '\x1b_Gi=1;OK\x1b\\', expected: [] },
    { input: '\x1b[8;24;80t', expected: [] },
    { input: '\x1b[?2026;2$y', expected: [] },
    // A paste is text for a program, not keys for the player.
    { input: '\x1b[200~rm -rf . q ]\x1b[201~.', expected: ['step'] },
    // X10 mouse report: three raw bytes after `ESC [ M`, here a space, '-' and '.'.
    { input: '\x1b[M -. ', expected: ['toggle'] },
    // C1 forms of CSI and OSC.
    { input: '\x9b6n \x9d52;c;cQ==\x9c.', expected: ['toggle', 'step'] },
    // An OSC aborted by a new sequence: the CSI after it is parsed as one.
    { input: '\x1b]0;x\x1b[A q', expected: ['toggle', 'quit'] },
    // Split across reads anywhere: state is carried.
    { input: ['\x1b', '[12;4', '0R', ' '], expected: ['toggle'] },
    { input: ['\x1b]11;rgb:00', '00/ffff/0000\x1b', '\\q'], expected: ['quit'] },
    { input: ['\x1b[200~ab', 'c q\x1b[20', '1~q'], expected: ['quit'] },
  ];
  for (const row of rows) {
    it(JSON.stringify(row.input), () => {
      const parser = new InputParser();
      const chunks = typeof row.input === 'string' ? [row.input] : row.input;
      assert.deepEqual(chunks.flatMap((c) => parser.push(c)), row.expected);
    });
  }

  it('gives up on a sequence that never ends, and the keys after it count again', () => {
    const parser = new InputParser();
    assert.deepEqual(parser.push(`\x1b]52;c;${'A'.repeat(1 << 16)}`), []);
    assert.deepEqual(parser.push('q'), ['quit']);
  });
});

describe('parseSize', () => {
  const rows: { input: string; expected: { cols: number; rows: number } | undefined }[] = [
    { input: '120x40', expected: { cols: 120, rows: 40 } },
    { input: ' 80x24\n', expected: { cols: 80, rows: 24 } },
    { input: '80', expected: undefined },
    { input: 'axb', expected: undefined },
  ];
  for (const row of rows) {
    it(JSON.stringify(row.input), () => assert.deepEqual(parseSize(row.input), row.expected));
  }
});

describe('sizeWarning', () => {
  const rows: { recorded: [number, number]; current: [number, number] | undefined; warns: boolean }[] = [
    { recorded: [120, 40], current: [40, 10], warns: true },
    { recorded: [120, 40], current: [120, 39], warns: true },
    { recorded: [120, 40], current: [119, 40], warns: true },
    { recorded: [120, 40], current: [120, 40], warns: false },
    { recorded: [80, 24], current: [200, 60], warns: false },
    { recorded: [80, 24], current: undefined, warns: false },
  ];
  for (const row of rows) {
    it(`${row.recorded.join('x')} on ${row.current?.join('x') ?? 'no terminal'}`, () => {
      const size = ([cols, rows]: [number, number]) => ({ cols, rows });
      const warning = sizeWarning(size(row.recorded), row.current && size(row.current));
      assert.equal(warning !== undefined, row.warns);
      if (warning) assert.match(warning, new RegExp(`${row.recorded.join('x')}.*${row.current?.join('x')}`));
    });
  }
});
