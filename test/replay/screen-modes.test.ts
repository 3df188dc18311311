import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScreenModes } from '../../src/replay/screen-modes.js';

describe('ScreenModes: what a played stream left on, and its undo', () => {
  const rows: { name: string; writes: string[]; undo: string }[] = [
    { name: 'nothing changed', writes: ['plain\r\n'], undo: '' },
    { name: 'a Codex session that never left its alternate screen', writes: ['\x1b[?1049h\x1b[?25l', 'x'], undo: '\x1b[?1049l\x1b[?25h' },
    { name: 'modes set and put back by the stream', writes: ['\x1b[?1049h\x1b[?25l\x1b[1m', 'x\x1b[0m\x1b[?25h\x1b[?1049l'], undo: '' },
    { name: 'a colour left on (SGR with colons)', writes: ['\x1b[38:2::1:2:3m'], undo: '\x1b[0m' },
    { name: 'synchronized update cut short', writes: ['\x1b[?2026h'], undo: '\x1b[?2026l' },
    { name: 'scroll region, autowrap off, insert mode', writes: ['\x1b[3;20r\x1b[?7l\x1b[4h'], undo: '\x1b7\x1b[r\x1b8\x1b[?7h\x1b[4l' },
    { name: 'a sequence split between two writes', writes: ['a\x1b[?10', '49h'], undo: '\x1b[?1049l' },
    { name: 'several modes in one sequence', writes: ['\x1b[?47;25;5h'], undo: '\x1b[?1049l\x1b[?5l' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const modes = new ScreenModes();
      for (const w of row.writes) modes.observe(w);
      assert.equal(modes.restore(), row.undo);
    });
  }
});
