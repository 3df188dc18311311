/** The record-by-record merge of one note (src/notes/merge-lines.ts): a table, then fast-check properties. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeNote, renderNote, type NoteRecord } from '../../src/notes/index.js';
import { lineSet, mergeNoteLines, recordKey } from '../../src/notes/merge-lines.js';
import { encodePayloadLine } from '../../src/notes/payload-line.js';
import { fixturesDir } from '../helpers/cli.js';

const fixture = (name: string): string => readFileSync(join(fixturesDir, 'notes', name), 'utf8');
const rec = (id: string, n = 0): NoteRecord => ({
  id, summary: { time: Date.UTC(2026, 10, 25, 13, n), agent: n % 2 ? 'codex' : 'claude', durationMs: 1000 * n, title: `task ${id}`, files: 1 }, body: { n, id },
});
const note = (...records: NoteRecord[]): string => renderNote(records);
const ids = (text: string): string[] => decodeNote(text).records.map((r) => r.id).sort();

describe('mergeNoteLines', () => {
  const a = rec('s1:0', 1);
  const b = rec('s2:0', 2);
  const c = rec('s3:0', 3);
  const cases: { name: string; base: string | null; local: string; remote: string; expect: string[] }[] = [
    { name: 'both sides add records to a commit: every record of both', base: null, local: note(a), remote: note(b), expect: ['s1:0', 's2:0'] },
    { name: 'the same record on both sides: once', base: null, local: note(a, b), remote: note(b, c), expect: ['s1:0', 's2:0', 's3:0'] },
    { name: 'a record added since the base on each side', base: note(a), local: note(a, b), remote: note(a, c), expect: ['s1:0', 's2:0', 's3:0'] },
    { name: 'a record detached on one side and untouched on the other goes', base: note(a, b), local: note(a), remote: note(a, b, c), expect: ['s1:0', 's3:0'] },
    { name: 'a note removed on one side, kept on the other: removed', base: note(a), local: '', remote: note(a), expect: [] },
  ];
  for (const t of cases) {
    test(t.name, () => {
      const merged = mergeNoteLines(t.base, t.local, t.remote);
      assert.deepEqual(ids(merged), t.expect);
      assert.deepEqual(decodeNote(merged).problems, []);
    });
  }

  test('a record encoded as aisess1 on one side and aisess2 on the other is one line, the newer', () => {
    const merged = mergeNoteLines(null, fixture('v1-full.txt'), fixture('v2-full.txt'));
    const payloads = [...lineSet(merged)].filter((l) => /^aisess\d /.test(l));
    assert.ok(payloads.every((l) => l.startsWith('aisess2 ')), merged);
    assert.equal(payloads.length, new Set(payloads.map(recordKey)).size);
    assert.deepEqual(decodeNote(merged), decodeNote(fixture('v2-full.txt')));
  });

  test('lines it cannot read are kept, blank lines and \\r dropped', () => {
    const merged = mergeNoteLines(null, `${note(a)}\r\n\nforeign text\n`, 'aisess9 future:1 00 x\n');
    assert.match(merged, /^foreign text$/m);
    assert.match(merged, /^aisess9 future:1 00 x$/m);
    assert.doesNotMatch(merged, /\r|\n\n/);
  });
});

describe('mergeNoteLines properties', () => {
  const pool = Array.from({ length: 8 }, (_, i) => rec(`p${i}:0`, i));
  const encoded = pool.map((r) => encodePayloadLine(r).line);
  /** A note: some records of the pool, maybe a foreign line, in any order, maybe with duplicates. */
  const noteArb = fc
    .tuple(fc.subarray([...pool.keys()]), fc.subarray(['junk line', '# aisess broken summary', 'aisess7 newer:0 00 zz']), fc.boolean())
    .chain(([picked, extra, dup]) => {
      const lines = [...note(...picked.map((i) => pool[i]!)).split('\n').filter(Boolean), ...extra, ...(dup && picked[0] !== undefined ? [encoded[picked[0]]!] : [])];
      return fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }).map((ls) => (ls.length ? `${ls.join('\n')}\n` : ''));
    });
  const keys = (text: string): Set<string> => new Set([...lineSet(text)].map(recordKey));

  test('union: never loses a record or a line of either side (no base)', () => {
    fc.assert(fc.property(noteArb, noteArb, (l, r) => {
      const merged = keys(mergeNoteLines(null, l, r));
      for (const k of [...keys(l), ...keys(r)]) assert.ok(merged.has(k), `lost ${k}`);
      assert.equal(merged.size, new Set([...keys(l), ...keys(r)]).size);
    }), { numRuns: 300 });
  });

  test('commutative (byte for byte) and idempotent', () => {
    fc.assert(fc.property(noteArb, noteArb, (l, r) => {
      const m = mergeNoteLines(null, l, r);
      assert.equal(mergeNoteLines(null, r, l), m);
      assert.equal(mergeNoteLines(null, m, m), m);
      assert.equal(mergeNoteLines(null, m, l), m);
    }), { numRuns: 300 });
  });

  test('a record once: no two lines for one record, and it decodes to the union of records', () => {
    fc.assert(fc.property(noteArb, noteArb, (l, r) => {
      const m = mergeNoteLines(null, l, r);
      const lines = [...lineSet(m)];
      assert.equal(lines.length, m.split('\n').filter(Boolean).length, 'no duplicate line');
      assert.equal(new Set(lines.map(recordKey)).size, lines.length, 'no record twice');
      assert.deepEqual(ids(m), [...new Set([...ids(l), ...ids(r)])].sort());
    }), { numRuns: 300 });
  });

  test('three-way: what both sides keep stays, what either side adds comes', () => {
    fc.assert(fc.property(noteArb, noteArb, noteArb, (b, l, r) => {
      const m = keys(mergeNoteLines(b, l, r));
      const [kb, kl, kr] = [keys(b), keys(l), keys(r)];
      for (const k of kl) if (kr.has(k) || !kb.has(k)) assert.ok(m.has(k), `lost ${k}`);
      for (const k of kr) if (!kb.has(k)) assert.ok(m.has(k), `lost ${k}`);
    }), { numRuns: 300 });
  });
});
