import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSummaryLine, renderSummaryLine } from '../../src/notes/summary-line.js';
import { formatDuration, parseDuration } from '../../src/text/duration.js';
import type { RecordSummary } from '../../src/notes/types.js';

const base: RecordSummary = { time: Date.UTC(2026, 10, 25, 13, 2, 41), agent: 'claude', durationMs: 192_000, title: 'fix the flaky test', files: 4 };

describe('summary line', () => {
  const rows: { name: string; summary: RecordSummary; line: string; back?: Partial<RecordSummary> }[] = [
    { name: 'typical', summary: base, line: '# aisess s:1 2026-11-25 13:02Z claude 3m12s "fix the flaky test" (4 files)', back: { time: Date.UTC(2026, 10, 25, 13, 2) } },
    { name: 'one file, seconds only', summary: { ...base, files: 1, durationMs: 45_400 }, line: '# aisess s:1 2026-11-25 13:02Z claude 45s "fix the flaky test" (1 file)', back: { time: Date.UTC(2026, 10, 25, 13, 2), durationMs: 45_000 } },
    { name: 'hours', summary: { ...base, durationMs: 3_723_000 }, line: '# aisess s:1 2026-11-25 13:02Z claude 1h02m "fix the flaky test" (4 files)', back: { time: Date.UTC(2026, 10, 25, 13, 2), durationMs: 3_720_000 } },
    { name: 'quotes, tabs and newlines in the title', summary: { ...base, title: 'say "hi"\n\tnow' }, line: '# aisess s:1 2026-11-25 13:02Z claude 3m12s "say \\"hi\\" now" (4 files)', back: { time: Date.UTC(2026, 10, 25, 13, 2), title: 'say "hi" now' } },
    { name: 'agent with spaces', summary: { ...base, agent: 'my agent' }, line: '# aisess s:1 2026-11-25 13:02Z my-agent 3m12s "fix the flaky test" (4 files)', back: { time: Date.UTC(2026, 10, 25, 13, 2), agent: 'my-agent' } },
  ];
  for (const r of rows) {
    test(r.name, () => {
      assert.equal(renderSummaryLine('s:1', r.summary), r.line);
      assert.deepEqual(parseSummaryLine(r.line), { id: 's:1', summary: { ...r.summary, ...r.back } });
    });
  }

  test('long titles are shortened to 72 characters', () => {
    const line = renderSummaryLine('s:1', { ...base, title: 'é'.repeat(100) });
    assert.ok(line.includes(`"${'é'.repeat(71)}…"`));
  });

  test('sorts before payload lines byte-wise', () => {
    assert.ok(Buffer.compare(Buffer.from('# aisess zzz'), Buffer.from('aisess2 000')) < 0);
  });

  for (const bad of ['# aisess', '# aisess s:1 2026-11-25 13:02Z claude 3m12s unquoted (4 files)', '# other comment']) {
    test(`not a summary line: ${JSON.stringify(bad)}`, () => assert.equal(parseSummaryLine(bad), null));
  }
});

describe('duration', () => {
  // [milliseconds, text, milliseconds parsed back from the text]
  const rows: [number, string, number][] = [
    [0, '0s', 0],
    [59_499, '59s', 59_000],
    [60_000, '1m00s', 60_000],
    [754_000, '12m34s', 754_000],
    [3_600_000, '1h00m', 3_600_000],
    [90_061_000, '25h01m', 90_060_000],
  ];
  for (const [ms, text, back] of rows) {
    test(text, () => {
      assert.equal(formatDuration(ms), text);
      assert.equal(parseDuration(text), back);
    });
  }
  for (const bad of ['', 'abc', '5x']) test(`rejects ${JSON.stringify(bad)}`, () => assert.equal(parseDuration(bad), null));
});
