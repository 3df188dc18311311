/**
 * Note records as aisess writes them, for fuzzing the note decoders: valid ids, summaries, and
 * bodies that are either any JSON or a version 2 segment body around a real encoded stream.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { encodeStream } from '../../src/compact/stream-codec.js';
import type { NoteRecord, RecordSummary } from '../../src/notes/types.js';

const root = join(import.meta.dirname, '..', '..');

/** The committed example notes (fixtures/notes), every version. */
export const fixtureNotes: readonly string[] = ['v1-minimal', 'v1-full', 'v2-minimal', 'v2-full']
  .map((name) => readFileSync(join(root, 'fixtures', 'notes', `${name}.txt`), 'utf8'));

export const recordId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,40}$/);

/** Every time a JavaScript Date can hold. */
export const anyTime = fc.integer({ min: -8.64e15, max: 8.64e15 });

export function summary(time: fc.Arbitrary<number> = anyTime): fc.Arbitrary<RecordSummary> {
  return fc.record({
    time,
    agent: fc.string({ maxLength: 30 }),
    durationMs: fc.integer({ min: 0, max: 1e12 }),
    title: fc.string({ unit: 'grapheme', maxLength: 100 }),
    files: fc.nat(10_000),
  });
}

/** Output and resize events, times in seconds, as a recording has them. */
export const streamEvents: fc.Arbitrary<[number, string, string][]> = fc.array(
  fc.tuple(
    fc.double({ min: 0, max: 1e6, noNaN: true }),
    fc.constantFrom('o', 'o', 'o', 'r'),
    fc.string({ unit: 'binary', maxLength: 40 }),
  ),
  { maxLength: 30 },
).map((events) => events.sort((a, b) => a[0] - b[0]).map(([t, code, data]) => [t, code, code === 'r' ? `${data.length}x24` : data]));

const segmentBody = fc.record({
  v: fc.constant(2),
  session: fc.record({ id: fc.string(), agent: fc.string(), argv: fc.array(fc.string()), cwd: fc.string(), startedAt: fc.nat() }),
  term: fc.record({ cols: fc.integer({ min: 1, max: 500 }), rows: fc.integer({ min: 1, max: 200 }) }),
  events: fc.array(fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom('aisess.agent', 'i', 'm'), fc.string())),
  screen: fc.string(),
  stream: streamEvents.map(encodeStream),
  paths: fc.array(fc.record({ path: fc.string(), blob: fc.constant(null), status: fc.constantFrom('A', 'M', 'D'), bound: fc.constantFrom('full', 'partial', null) })),
  boundAt: fc.nat(),
  boundBy: fc.option(fc.string()),
});

export const body: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 4 }), segmentBody);

export function record(time?: fc.Arbitrary<number>): fc.Arbitrary<NoteRecord> {
  return fc.record({ id: recordId, summary: summary(time), body });
}

/** Up to `max` records with distinct ids. */
export function records(max: number, time?: fc.Arbitrary<number>): fc.Arbitrary<NoteRecord[]> {
  return fc.uniqueArray(record(time), { selector: (r) => r.id, maxLength: max });
}

/** What a record is once it has been through JSON (-0 becomes 0, undefined keys vanish). */
export function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
