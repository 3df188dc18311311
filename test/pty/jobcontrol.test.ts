import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStat, watchForStop, type ProcStat } from '../../src/pty/jobcontrol.js';
import { handlesSigtstp, suspendKeyActive } from '../../src/pty/suspend.js';

describe('parseStat', () => {
  const rows: { text: string; expected: ProcStat | undefined }[] = [
    { text: '4631 (cat) T 4596 4631 4631 34823 4631 4194304 95 0', expected: { state: 'T', pgrp: 4631, tpgid: 4631 } },
    { text: '12 (a (weird) name) S 1 12 12 0 -1 4194560', expected: { state: 'S', pgrp: 12, tpgid: -1 } },
    { text: 'garbage', expected: undefined },
    { text: '1 (x) R', expected: undefined },
  ];
  for (const { text, expected } of rows) it(text, () => assert.deepEqual(parseStat(text), expected));
});

describe('suspend-key checks', () => {
  const cooked = '6d02:5:4bf:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:ff:12:f:17:16:ff:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0';
  const rows: { why: string; stty: string; expected: boolean }[] = [
    { why: 'cooked pty: Ctrl-Z suspends', stty: cooked, expected: true },
    { why: 'raw pty (ISIG off): Ctrl-Z is input', stty: cooked.replace('8a3b', '8a3a'), expected: false },
    { why: 'susp remapped', stty: cooked.replace(':1a:', ':19:'), expected: false },
    { why: 'unreadable', stty: '', expected: false },
  ];
  for (const { why, stty, expected } of rows) it(why, () => assert.equal(suspendKeyActive(stty), expected));
  it('reads whether SIGTSTP is caught or ignored', () => {
    assert.equal(handlesSigtstp('SigIgn:\t0000000000000000\nSigCgt:\t0000000000000000\n'), false);
    assert.equal(handlesSigtstp('SigIgn:\t0000000000000000\nSigCgt:\t0000000000080000\n'), true);
    assert.equal(handlesSigtstp('SigIgn:\t0000000000080000\nSigCgt:\t0000000000000000\n'), true);
    assert.equal(handlesSigtstp('SigIgn:\t0000000000000001\nSigCgt:\t0000000180004002\n'), false);
  });
});

describe('watchForStop', () => {
  it('checks soon after Ctrl-Z, reports a stop once, and again only after resume', async () => {
    let state = 'S';
    let stops = 0;
    const w = watchForStop({ pid: 1, onStopped: () => stops++, read: async () => ({ state, pgrp: 1, tpgid: 1 }), quick: [1, 5], slowMs: 60_000 });
    w.sawInput(Buffer.from('abc'));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(stops, 0);
    state = 'T';
    w.sawInput(Buffer.from('\x1a'));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(stops, 1);
    w.resume();
    w.burst();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(stops, 2);
    w.stop();
  });

  it('a stop read before resume and settled after it is ignored (aisess was stopped meanwhile)', async () => {
    let stops = 0;
    let settle: (stat: ProcStat) => void = () => {};
    const w = watchForStop({
      pid: 1, onStopped: () => stops++, quick: [1, 2], slowMs: 60_000,
      read: () => new Promise<ProcStat>((resolve) => { settle = resolve; }),
    });
    w.burst();
    await new Promise((r) => setTimeout(r, 10));
    const late = settle;
    w.resume();
    late({ state: 'T', pgrp: 1, tpgid: 1 });
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(stops, 0);
    w.stop();
  });
});
