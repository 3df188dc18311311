/**
 * Journal files (src/journal): block framing, the event line codec and the header, on journals
 * built from real recordings (fixtures/real/*\/journals) and then truncated, bit-flipped and spliced.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { encodeBlock, encodeJournal, scanBlocks } from '../../src/journal/blocks.js';
import { decodeHeader, EventDecoder, EventEncoder } from '../../src/journal/codec.js';
import type { JournalEvent, JournalHeader } from '../../src/journal/events.js';
import { decodeJournal } from '../../src/journal/reader.js';
import { damaged, damagedBytes, damagedJson } from './mutate.js';
import { trial, type Trial } from './trial.js';

const DECODER = 'journal blocks';
const realDir = join(import.meta.dirname, '..', '..', 'fixtures', 'real');

/** Every real journal: its header and events (absolute times, as the JSONL fixtures keep them). */
const real = readdirSync(realDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => /journals\/\d+\.jsonl$/.test(f))
  .map((f) => readFileSync(join(realDir, f), 'utf8').split('\n').filter((l) => l !== ''))
  .map(([head, ...lines]) => ({
    header: JSON.parse(head!) as JournalHeader,
    events: lines.map((l) => JSON.parse(l) as [number, string, string]).map(([time, code, data]): JournalEvent => ({ time, code, data })),
  }));
const headerLines = real.map((j) => JSON.stringify(j.header));
const eventLines = real.flatMap((j) => j.events.slice(0, 40).map((e) => JSON.stringify([0.25, e.code, e.data])));

/** A real journal's header and a run of its events cut into blocks. */
const journal = fc.tuple(fc.nat(real.length - 1), fc.nat(), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }))
  .map(([which, from, sizes]) => {
    const { header, events } = real[which]!;
    let at = from % Math.max(1, events.length - 30);
    const batches = sizes.map((n) => events.slice(at, (at += n)));
    return { header, batches };
  });

function decodeBlocks(header: JournalHeader, batches: JournalEvent[][]): JournalEvent[] {
  return decodeJournal(encodeJournal(header, batches)).events;
}

/** The first byte where two buffers differ (the shorter one's length when one is a prefix of the other). */
function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

const splice = fc.tuple(journal, journal, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([a, b, at, from, to]) => {
    const x = encodeJournal(a.header, a.batches);
    const y = encodeJournal(b.header, b.batches);
    const [lo, hi] = [Math.floor(Math.min(from, to) * y.length), Math.floor(Math.max(from, to) * y.length)];
    const cut = Math.floor(at * x.length);
    return { ...a, bytes: Buffer.concat([x.subarray(0, cut), y.subarray(lo, hi), x.subarray(cut)]) };
  });
const edited = journal.chain((j) => damagedBytes(fc.constant(encodeJournal(j.header, j.batches))).map((bytes) => ({ ...j, bytes })));
const flipped = fc.tuple(journal, fc.array(fc.tuple(fc.nat(), fc.nat(7)), { minLength: 1, maxLength: 3 }), fc.nat()).map(([j, flips, cut]) => {
  const bytes = Buffer.from(encodeJournal(j.header, j.batches));
  for (const [at, bit] of flips) bytes[at % bytes.length]! ^= 1 << bit;
  return { ...j, bytes: cut % 3 === 0 ? bytes.subarray(0, cut % bytes.length) : bytes };
});
const hurt = fc.oneof(edited, flipped, splice);

export const trials: Trial[] = [
  trial({ decoder: DECODER, target: 'scanBlocks, decodeJournal (src/journal/blocks.ts, reader.ts)', property: 'truncated, bit-flipped, spliced: no throw while the header block is intact; every block before the damage is read', runs: 300 },
    hurt,
    ({ header, batches, bytes }) => {
      const whole = encodeJournal(header, batches);
      const firstBad = firstDifference(whole, bytes);
      const scan = scanBlocks(bytes);
      // Blocks that end before the first changed byte: header block plus whole batches.
      const ends = scanBlocks(whole).blocks.map((b) => b.end);
      const intact = ends.filter((end) => end <= firstBad).length;
      assert.ok(scan.blocks.length >= intact, `${scan.blocks.length} blocks read, ${intact} intact`);
      scan.blocks.slice(0, intact).forEach((b, i) => assert.equal(b.end, ends[i]));
      let got: JournalEvent[];
      try {
        got = decodeJournal(bytes, scan).events;
      } catch (err) {
        // Documented: only a journal whose header block is unreadable throws.
        assert.equal(intact, 0, `threw with the header intact: ${String(err)}`);
        assert.equal((err as Error).constructor, Error);
        return;
      }
      if (intact === 0) return;
      const expected = decodeBlocks(header, batches.slice(0, intact - 1));
      assert.deepEqual(got.slice(0, expected.length), expected);
    }),

  trial({ decoder: DECODER, target: 'scanBlocks (src/journal/blocks.ts)', property: 'bits flipped anywhere: every block after the last flipped byte is found again (resync)', runs: 300 },
    fc.tuple(journal, fc.array(fc.tuple(fc.nat(), fc.nat(7)), { minLength: 1, maxLength: 3 })), ([j, flips]) => {
      const whole = encodeJournal(j.header, j.batches);
      const bytes = Buffer.from(whole);
      for (const [at, bit] of flips) bytes[at % bytes.length]! ^= 1 << bit;
      const last = Math.max(...flips.map(([at]) => at % bytes.length));
      const after = scanBlocks(whole).blocks.filter((b) => b.offset > last);
      const found = scanBlocks(bytes).blocks;
      for (const b of after) assert.ok(found.some((f) => f.offset === b.offset && f.text === b.text), `block at ${b.offset} lost (last flip at ${last})`);
    }),

  trial({ decoder: DECODER, target: 'scanBlocks + encodeBlock (src/store/recover.ts)', property: 'recovery: cutting at goodEnd keeps every good block, and a block appended after it reads back', runs: 200 },
    hurt, ({ bytes }) => {
      const scan = scanBlocks(bytes);
      const cut = scanBlocks(bytes.subarray(0, scan.goodEnd));
      assert.deepEqual(cut.blocks, scan.blocks);
      const more = scanBlocks(Buffer.concat([bytes.subarray(0, scan.goodEnd), encodeBlock('[0.5,"aisess.recovered","{}"]\n')]));
      assert.equal(more.blocks.length, scan.blocks.length + 1);
      assert.ok(!more.damage.some((d) => d.reason === 'truncated last block'));
    }),

  trial({ decoder: 'journal events', target: 'EventDecoder (src/journal/codec.ts)', property: 'any lines: no throw; each bad line is one error with its line number; good lines decode', runs: 400 },
    fc.array(fc.oneof(fc.constantFrom(...eventLines), damagedJson(fc.constantFrom(...eventLines)), damaged(fc.constantFrom(...eventLines)), fc.string()), { maxLength: 30 }),
    (lines) => {
      const text = lines.map((l) => l.replace(/\n/g, ' ')).join('\n');
      const decoder = new EventDecoder();
      const events: JournalEvent[] = [];
      decoder.decode(text, events);
      const counted = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
      assert.equal(events.length + decoder.errors.length, counted);
      for (const e of events) assert.ok(Number.isFinite(e.time) && e.time >= 0 && typeof e.data === 'string', JSON.stringify(e));
    }),

  trial({ decoder: 'journal events', target: 'EventEncoder → EventDecoder (src/journal/codec.ts)', property: 'round trip across batches: codes and data exact, times to the microsecond', runs: 300 },
    fc.array(fc.array(fc.record({ time: fc.double({ min: 0, max: 1e6, noNaN: true }), code: fc.string({ minLength: 1 }), data: fc.string({ unit: 'binary' }) }), { maxLength: 10 }), { maxLength: 5 }),
    (batches) => {
      const sorted = batches.flat().sort((a, b) => a.time - b.time);
      let i = 0;
      const inOrder = batches.map((b) => b.map(() => sorted[i++]!));
      const encoder = new EventEncoder();
      const decoder = new EventDecoder();
      const out: JournalEvent[] = [];
      for (const b of inOrder) decoder.decode(encoder.encode(b), out);
      assert.deepEqual(decoder.errors, []);
      assert.deepEqual(out.map((e) => [e.code, e.data]), sorted.map((e) => [e.code, e.data]));
      out.forEach((e, k) => assert.ok(Math.abs(e.time - sorted[k]!.time) <= 1e-6 * (k + 1), `${e.time} vs ${sorted[k]!.time}`));
    }),

  trial({ decoder: 'journal events', target: 'decodeHeader (src/journal/codec.ts)', property: 'any header line: a header with a size and a session id, or an Error that quotes the line', runs: 400 },
    fc.oneof(fc.constantFrom(...headerLines), damagedJson(fc.constantFrom(...headerLines)), damaged(fc.constantFrom(...headerLines)), fc.string()),
    (line) => {
      let h: JournalHeader;
      try {
        h = decodeHeader(line);
      } catch (err) {
        assert.equal((err as Error).constructor, Error);
        assert.match((err as Error).message, /header/);
        return;
      }
      assert.ok(typeof h.term.cols === 'number' && typeof h.term.rows === 'number' && typeof h.aisess.id === 'string');
    }),
];
