import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalEvent } from '../../src/journal/events.js';
import { buildTimeline, duration, type TimelineOptions } from '../../src/replay/timeline.js';

const ev = (time: number, code: string, data = ''): JournalEvent => ({ time, code, data });

describe('buildTimeline', () => {
  const rows: { name: string; events: JournalEvent[]; opts?: TimelineOptions; times: number[]; codes?: string[] }[] = [
    { name: 'empty', events: [], times: [] },
    { name: 'original timing', events: [ev(0.5, 'o'), ev(1, 'o'), ev(4, 'o')], times: [0.5, 1, 4] },
    { name: 'speed 2 halves every time', events: [ev(1, 'o'), ev(3, 'o')], opts: { speed: 2 }, times: [0.5, 1.5] },
    { name: 'speed 0.5 doubles', events: [ev(1, 'o'), ev(3, 'o')], opts: { speed: 0.5 }, times: [2, 6] },
    {
      name: 'idle limit caps long pauses only',
      events: [ev(0.5, 'o'), ev(10.5, 'o'), ev(11, 'o'), ev(20, 'o')],
      opts: { idleLimit: 2 },
      times: [0.5, 2.5, 3, 5],
    },
    { name: 'idle limit caps the first pause too', events: [ev(30, 'o')], opts: { idleLimit: 1 }, times: [1] },
    {
      name: 'idle cap in recorded time, then speed',
      events: [ev(0, 'o'), ev(10, 'o')],
      opts: { idleLimit: 2, speed: 2 },
      times: [0, 1],
    },
    {
      name: 'input, exit and aisess events are dropped',
      events: [ev(1, 'i', 'k'), ev(2, 'o', 'a'), ev(3, 'aisess.worktree', '{}'), ev(4, 'x', '0')],
      times: [2],
      codes: ['o'],
    },
    {
      name: 'resize and marker are kept in order',
      events: [ev(1, 'o'), ev(2, 'r', '80x24'), ev(3, 'm', 'here'), ev(4, 'o')],
      times: [1, 2, 3, 4],
      codes: ['o', 'r', 'm', 'o'],
    },
    {
      name: 'dropped events do not break the idle cap (gap measured between played frames)',
      events: [ev(0, 'o'), ev(5, 'aisess.commit', '{}'), ev(10, 'o')],
      opts: { idleLimit: 3 },
      times: [0, 3],
    },
    { name: 'a clock step backwards does not go back', events: [ev(2, 'o'), ev(1, 'o'), ev(3, 'o')], times: [2, 2, 3] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const frames = buildTimeline(row.events, row.opts);
      assert.deepEqual(frames.map((f) => f.time), row.times);
      if (row.codes) assert.deepEqual(frames.map((f) => f.code), row.codes);
    });
  }

  it('keeps data untouched', () => {
    const data = '\x1b[2J\x1b[H héllo ✓ \r\n';
    assert.equal(buildTimeline([ev(0, 'o', data)])[0]?.data, data);
  });

  it('duration is the last frame time', () => {
    assert.equal(duration(buildTimeline([ev(1, 'o'), ev(7, 'o')], { idleLimit: 2 })), 3);
    assert.equal(duration([]), 0);
  });
});
