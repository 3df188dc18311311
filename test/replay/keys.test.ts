import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKeys, type PlayerCommand } from '../../src/replay/keys.js';
import { parseSize, sizeWarning } from '../../src/replay/size.js';

describe('parseKeys', () => {
  const rows: { input: string; expected: PlayerCommand[] }[] = [
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
  ];
  for (const row of rows) {
    it(JSON.stringify(row.input), () => assert.deepEqual(parseKeys(row.input), row.expected));
  }
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
