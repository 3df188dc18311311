import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EventDecoder, EventEncoder, decodeHeader, encodeHeader, exitData } from '../../src/journal/codec.js';
import type { JournalEvent, JournalHeader } from '../../src/journal/events.js';

const header: JournalHeader = {
  version: 3,
  term: { cols: 80, rows: 24, type: 'xterm-256color' },
  timestamp: 1795610764,
  command: 'claude --resume',
  aisess: { format: 1, id: '20261125-124604-5ac91a', agent: 'claude', argv: ['claude', '--resume'], cwd: '/w', pid: 42, startedAt: 1795610764825, captureInput: false },
};

const controlBytes = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\u0085\u2028\u2029';
const roundTrips: { name: string; event: JournalEvent }[] = [
  { name: 'output', event: { time: 0.5, code: 'o', data: 'hello\r\n' } },
  { name: 'input', event: { time: 1, code: 'i', data: '\r' } },
  { name: 'resize', event: { time: 1.25, code: 'r', data: '120x40' } },
  { name: 'marker', event: { time: 2, code: 'm', data: 'prompt 1' } },
  { name: 'empty marker', event: { time: 2, code: 'm', data: '' } },
  { name: 'exit', event: { time: 3, code: 'x', data: '0' } },
  { name: 'aisess event', event: { time: 3.000001, code: 'aisess.agent', data: '{"kind":"prompt","text":"fix it"}' } },
  { name: 'unknown code kept', event: { time: 4, code: 'aisess.future', data: '{}' } },
  { name: 'unicode', event: { time: 5, code: 'o', data: 'héllo ✓ 日本語 🦀 \u{1F600}' } },
  { name: 'control bytes', event: { time: 6, code: 'o', data: controlBytes } },
  { name: 'escape sequences', event: { time: 7, code: 'o', data: '\u001b[?1049h\u001b[1;31mred\u001b[0m\u001b]0;title\u0007' } },
  { name: 'lone surrogate', event: { time: 8, code: 'o', data: 'a\ud800b' } },
  { name: 'quotes and backslashes', event: { time: 9, code: 'o', data: '"\\"\\\\' } },
  { name: 'huge chunk', event: { time: 10, code: 'o', data: 'x'.repeat(4 * 1024 * 1024) + '\u001b[0m' } },
];

describe('event codec', () => {
  for (const { name, event } of roundTrips) {
    test(`round-trips ${name}`, () => {
      const text = new EventEncoder().encode([event]);
      assert.equal(text.endsWith('\n'), true);
      assert.equal(text.slice(0, -1).includes('\n'), false, 'one event is one line');
      const out: JournalEvent[] = [];
      const decoder = new EventDecoder();
      decoder.decode(text, out);
      assert.deepEqual(decoder.errors, []);
      assert.deepEqual(out, [event]);
    });
  }

  test('times round to microseconds and intervals do not drift over many events', () => {
    const events: JournalEvent[] = Array.from({ length: 100_000 }, (_, i) => ({ time: (i * 1) / 3000, code: 'o', data: '.' }));
    const encoder = new EventEncoder();
    // Encoding in several batches must give the same result as one batch.
    const text = encoder.encode(events.slice(0, 33_333)) + encoder.encode(events.slice(33_333));
    const out: JournalEvent[] = [];
    new EventDecoder().decode(text, out);
    assert.equal(out.length, events.length);
    for (let i = 0; i < events.length; i += 997) assert.equal(out[i]!.time, Math.round(events[i]!.time * 1e6) / 1e6);
    assert.equal(out.at(-1)!.time, Math.round((99_999 / 3000) * 1e6) / 1e6);
  });

  test('a clock stepping back gives a zero interval, never a negative one', () => {
    const text = new EventEncoder().encode([{ time: 2, code: 'o', data: 'a' }, { time: 1, code: 'o', data: 'b' }]);
    assert.equal(text, '[2,"o","a"]\n[0,"o","b"]\n');
  });

  test('encodeBytes with JSON text bodies gives the bytes encode gives for the same text', () => {
    const events = [
      { time: 0.5, code: 'o', data: 'plain \x1b[1mbold\x1b[0m "q" \\ é ✓ 🚀\r\n' },
      { time: 0.75, code: 'm', data: 'marker' },
      { time: 1.000001, code: 'o', data: '\u0000\u0007\t\b\f' },
      { time: 1.25, code: 'aisess.agent', data: '{"kind":"prompt"}' },
    ];
    const expected = new EventEncoder(0.25).encode(events);
    const asBytes = events.map((e) => (e.code === 'o' ? { ...e, data: Buffer.from(JSON.stringify(e.data).slice(1, -1)) } : e));
    assert.equal(new EventEncoder(0.25).encodeBytes(asBytes).toString(), expected);
    const scratch = Buffer.alloc(4096, 0x2a);
    assert.equal(new EventEncoder(0.25).encodeBytes(asBytes, () => scratch).toString(), expected);
  });

  test('intervals are printed with at most 6 decimals', () => {
    const text = new EventEncoder().encode([{ time: 0.1234567, code: 'o', data: '' }, { time: 0.1234571, code: 'o', data: '' }]);
    assert.equal(text, '[0.123457,"o",""]\n[0,"o",""]\n');
  });

  const badLines = [
    { line: 'not json', reason: /not JSON/ },
    { line: '{"a":1}', reason: /expected \[interval, code, data\]/ },
    { line: '[1,"o"]', reason: /expected/ },
    { line: '[-1,"o","x"]', reason: /expected/ },
    { line: '[1,"o",5]', reason: /expected/ },
    // Found by the fuzz suite: both were read as events at Infinity, which a replay waits for forever.
    { line: '[1e400,"o","x"]', reason: /interval out of range/ },
    { line: '[1e308,"o","x"]', reason: /interval out of range/ },
  ];
  for (const { line, reason } of badLines) {
    test(`reports a bad line: ${line}`, () => {
      const out: JournalEvent[] = [];
      const decoder = new EventDecoder();
      decoder.decode(`[1,"o","a"]\n${line}\n[1,"o","b"]\n`, out);
      assert.deepEqual(out.map((e) => [e.time, e.data]), [[1, 'a'], [2, 'b']]);
      assert.equal(decoder.errors.length, 1);
      assert.equal(decoder.errors[0]!.line, 2);
      assert.match(decoder.errors[0]!.reason, reason);
    });
  }

  test('skips comment and blank lines', () => {
    const out: JournalEvent[] = [];
    new EventDecoder().decode('# comment\n\n[1,"o","a"]\n', out);
    assert.deepEqual(out, [{ time: 1, code: 'o', data: 'a' }]);
  });
});

describe('header codec', () => {
  test('round-trips', () => {
    assert.deepEqual(decodeHeader(encodeHeader(header).trimEnd()), header);
  });
  const bad = [
    { line: '[1,"o","x"]', reason: /asciicast v3 header/ },
    { line: '{"version":2,"width":80,"height":24}', reason: /asciicast v3 header/ },
    { line: '{"version":3,"term":{"cols":80}}', reason: /term size/ },
    { line: '{"version":3,"term":{"cols":80,"rows":24}}', reason: /aisess session info/ },
    { line: '{', reason: /not JSON/ },
  ];
  for (const { line, reason } of bad) {
    test(`rejects ${line}`, () => assert.throws(() => decodeHeader(line), reason));
  }
});

describe('exit data', () => {
  const rows = [
    { status: { code: 0 }, data: '0' },
    { status: { code: 3 }, data: '3' },
    { status: { signal: 'SIGTERM' }, data: '143' },
    { status: { signal: 'SIGKILL' }, data: '137' },
    { status: { signal: 'SIGHUP' }, data: '129' },
  ];
  for (const { status, data } of rows) {
    test(`${JSON.stringify(status)} → "${data}"`, () => assert.equal(exitData(status), data));
  }
});
