import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitBudget, noteBytes, type Budgeted } from '../../src/compact/budget.js';
import { decodeStream, DROPPED_MARKER } from '../../src/record/decode.js';
import { decodeEncodedStream, encodeStream } from '../../src/compact/stream-codec.js';

const events: [number, string, string][] = [
  [0.5004, 'o', '\x1b[1;32mhello\x1b[0m\r\n'],
  [0.75, 'r', '100x30'],
  [0.7511, 'o', '日本 🎉 \x00\x7f'],
  [12.3456, 'o', ''],
  [13, 'x', '0'],
];

test('stream codec: output and resizes round-trip byte for byte, times within 1 ms; other codes are skipped', () => {
  const decoded = decodeEncodedStream(JSON.parse(JSON.stringify(encodeStream(events))));
  const expected = events.filter((e) => e[1] !== 'x');
  assert.deepEqual(decoded.map((e) => [e[1], e[2]]), expected.map((e) => [e[1], e[2]]));
  decoded.forEach((e, i) => assert.ok(Math.abs(e[0] - expected[i]![0]) < 0.001, `time ${e[0]} vs ${expected[i]![0]}`));
});

test('decodeStream: v2 merges stream and structured events in time order; v1 reads events as they are', () => {
  const body = { v: 2, events: [[0.6, 'm', 'mark'], [13, 'x', '0']], stream: encodeStream(events) };
  assert.deepEqual(decodeStream(body).map((e) => e[1]), ['o', 'm', 'r', 'o', 'o', 'x']);
  const v1 = { v: 1, events: [[1, 'o', 'a'], [2, 'aisess.worktree', '{}'], 'junk'] };
  assert.deepEqual(decodeStream(v1), [[1, 'o', 'a'], [2, 'aisess.worktree', '{}']]);
  assert.deepEqual(decodeStream(null), []);
});

/** A huge segment: distinct output so compression cannot hide it. */
function hugeBody(): Budgeted & { events: [number, string, string][]; screen: string } {
  const out: [number, string, string][] = [];
  for (let i = 0; i < 20_000; i++) out.push([i / 10, 'o', `${i} ${Math.sin(i).toString(36)} ${(i * 7919).toString(16)}\r\n`]);
  return { events: [[1, 'aisess.agent', '{"prompt":"go"}']] as [number, string, string][], screen: 'the screen text', stream: encodeStream(out) };
}

// Found by the fuzz suite (test/fuzz/body.fuzz.ts): a note's stream is someone else's JSON.
test('decodeStream: a foreign stream yields only [finite seconds, code, string]; it ends at the first mark that is not a time and a length', () => {
  const stream = (marks: unknown[], sizes: unknown[] = []) => JSON.parse(JSON.stringify({ t0: 1, marks, out: 'abcdef', sizes }).replace('"INF"', '1e400'));
  const table: { name: string; body: unknown; expected: [number, string, string][] }[] = [
    { name: 'a resize whose size is an object', body: { stream: stream([0, -1, 5, 2], [{}]) }, expected: [[1, 'r', ''], [1.005, 'o', 'ab']] },
    { name: 'a mark that is an object', body: { stream: stream([0, 2, {}, 2, 0, 2]) }, expected: [[1, 'o', 'ab']] },
    { name: 'a length that is a string', body: { stream: stream([0, 2, 0, '2']) }, expected: [[1, 'o', 'ab']] },
    { name: 'a delta JSON reads as Infinity', body: { stream: stream([0, 2, 'INF', 2]) }, expected: [[1, 'o', 'ab']] },
    { name: 'a structured event at Infinity', body: JSON.parse('{"events":[[1e400,"m","x"],[2,"m","y"]]}'), expected: [[2, 'm', 'y']] },
  ];
  for (const c of table) assert.deepEqual(decodeStream(c.body), c.expected, c.name);
});

test('budget: a huge segment drops the start of the stream, keeps its end, the text and the events, and says so', () => {
  const body = hugeBody();
  const fitted = fitBudget(body, 64 * 1024);
  assert.ok(noteBytes(fitted) <= 64 * 1024, `${noteBytes(fitted)} bytes`);
  assert.equal(fitted.screen, body.screen);
  assert.deepEqual(fitted.events, body.events);
  assert.ok(fitted.dropped && !fitted.dropped.all && fitted.dropped.events > 0 && fitted.dropped.chars > 0);
  assert.ok(body.stream);
  const kept = decodeStream(fitted).filter((e) => e[1] !== 'aisess.agent');
  assert.equal(kept[0]![2], DROPPED_MARKER);
  assert.equal(kept.at(-1)![2], decodeEncodedStream(body.stream!).at(-1)![2], 'the end of the stream is kept');
  assert.equal(kept.filter((e) => e[1] === 'o').length, 20_000 - fitted.dropped.events);
});

test('budget: a segment that fits is left alone; no room at all drops the whole stream', () => {
  const body = hugeBody();
  assert.equal(fitBudget(body, Infinity), body);
  const none = fitBudget(body, 10);
  assert.equal(none.stream, null);
  assert.equal(none.dropped?.all, true);
  assert.equal(none.screen, body.screen);
});
