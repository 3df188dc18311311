import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SentinelFilter } from '../../src/pty/sentinel.js';

const S = '\x1b_AISESS-DRAIN-AB12\x1b\\';

describe('SentinelFilter', () => {
  const rows: { why: string; draining: boolean; chunks: string[]; passed: string; done: boolean }[] = [
    { why: 'passes everything untouched before draining', draining: false, chunks: ['a', S, 'b'], passed: `a${S}b`, done: false },
    { why: 'cuts the sentinel and finishes', draining: true, chunks: [`tail${S}`], passed: 'tail', done: true },
    { why: 'finds a sentinel split across chunks', draining: true, chunks: ['tail\x1b_AIS', 'ESS-DRAIN-AB', `12\x1b\\`], passed: 'tail', done: true },
    { why: 'releases a false partial match', draining: true, chunks: ['x\x1b_AIS', 'Y'], passed: 'x\x1b_AISY', done: false },
    { why: 'keeps bytes that follow the sentinel', draining: true, chunks: [`a${S}late`], passed: 'alate', done: true },
  ];
  for (const row of rows) {
    it(row.why, () => {
      const f = new SentinelFilter(S);
      if (row.draining) f.startDraining();
      let passed = '';
      let done = false;
      for (const c of row.chunks) {
        const r = f.push(Buffer.from(c));
        passed += r.pass.toString();
        done ||= r.done;
      }
      if (!done) passed += f.flush().toString();
      assert.equal(passed, row.passed);
      assert.equal(done, row.done);
    });
  }
});
