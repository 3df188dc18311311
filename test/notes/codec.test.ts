import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeNote, parseHeadlines, parseNote, renderNote, type NoteRecord } from '../../src/notes/index.js';
import { z85Encode } from '../../src/notes/z85.js';
import { compress } from 'zstd-napi';
import { encodePayloadLine } from '../../src/notes/payload-line.js';
import { fixturesDir } from '../helpers/cli.js';

const fixture = (name: string): string => readFileSync(join(fixturesDir, 'notes', name), 'utf8');
const rec = (id: string, body: unknown = { n: id }): NoteRecord => ({
  id,
  summary: { time: Date.UTC(2026, 10, 25, 13, 2), agent: 'claude', durationMs: 192_000, title: `task ${id}`, files: 2 },
  body,
});

/** A payload line around any envelope text, with the hash it must have: what a hostile note can hold. */
function forged(id: string, envelope: string): string {
  const bytes = Buffer.from(envelope);
  return `aisess2 ${id} ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)} ${z85Encode(compress(bytes))}`;
}
const envelopeWithTime = (time: string) => `{"id":"bad:1","summary":{"time":${time},"agent":"a","durationMs":0,"title":"t","files":0},"body":{}}`;

describe('golden notes (decoded the same forever)', () => {
  for (const name of ['v1-minimal', 'v1-full', 'v2-minimal', 'v2-full']) {
    test(name, () => {
      const expected = JSON.parse(fixture(`${name}.json`));
      assert.deepEqual(decodeNote(fixture(`${name}.txt`)), expected);
      assert.equal(expected.problems.length, 0);
    });
  }

  for (const name of ['v1-full', 'v2-full']) {
    test(`${name} survives sorting, concatenation and duplication of its lines`, () => {
      const text = fixture(`${name}.txt`);
      const { records } = JSON.parse(fixture(`${name}.json`));
      const lines = text.trimEnd().split('\n');
      const variants = {
        'cat_sort_uniq (byte order)': [...lines].sort().join('\n'),
        'concatenate (blank line between)': `${text}\n${text}`,
        reversed: [...lines].reverse().join('\n'),
        'CRLF line ends': lines.join('\r\n'),
      };
      for (const [how, variant] of Object.entries(variants)) {
        assert.deepEqual(decodeNote(variant), { records, problems: [] }, how);
      }
    });
  }

  test('a note mixing aisess1 and aisess2 lines (an amend concatenated an old note) reads both', () => {
    const v1 = JSON.parse(fixture('v1-minimal.json')).records as NoteRecord[];
    const v2 = JSON.parse(fixture('v2-full.json')).records as NoteRecord[];
    const mixed = `${fixture('v1-minimal.txt')}\n${fixture('v2-full.txt')}`;
    assert.deepEqual(decodeNote(mixed), { records: [...v1, ...v2], problems: [] });
    assert.deepEqual(decodeNote([...mixed.split('\n')].sort().join('\n')).records, [...v1, ...v2]);
  });

  test('the same record as aisess1 and as aisess2 is one record (the hash is of the envelope)', () => {
    const both = `${fixture('v1-full.txt')}${fixture('v2-full.txt')}`;
    assert.deepEqual(decodeNote(both), JSON.parse(fixture('v1-full.json')));
  });
});

describe('round trip', () => {
  const bodies: [string, unknown][] = [
    ['null', null],
    ['string with newlines and unicode', 'line 1\nline 2 ✓ 日本 🚀\u2028'],
    ['nested object', { a: [1, { b: [true, null, -0.5] }], s: '"quoted" \\ back' }],
    ['large repetitive', { raw: '\u001b[H\u001b[2J spinner '.repeat(20_000) }],
    ['empty array', []],
  ];
  for (const [name, body] of bodies) {
    test(name, () => {
      const r = rec('sess:1', body);
      assert.deepEqual(decodeNote(renderNote([r])), { records: [r], problems: [] });
    });
  }

  test('repeats further back than zstd\'s default 8 MiB window are still found (a long TUI session)', () => {
    const block = randomBytes(7_000_000).toString('base64');
    const r = rec('long:1', { out: block + block });
    const line = renderNote([r]).trimEnd().split('\n')[1]!;
    assert.ok(line.length < block.length, `${line.length} chars for two copies of ${block.length}`);
    assert.deepEqual(decodeNote(`${line}\n`).records, [r]);
  });

  test('summary lines come first, payload lines after', () => {
    const lines = renderNote([rec('a:1'), rec('b:2')]).trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => l.slice(0, 9)), ['# aisess ', '# aisess ', 'aisess2 a', 'aisess2 b']);
    assert.equal(lines[0], '# aisess a:1 2026-11-25 13:02Z claude 3m12s "task a:1" (2 files)');
  });

  test('invalid record ids are refused when writing', () => {
    for (const id of ['', 'has space', '-leading', 'new\nline', 'x'.repeat(200)]) {
      assert.throws(() => renderNote([rec(id)]), /invalid record id/, JSON.stringify(id));
    }
  });
});

describe('damaged notes: report, skip, read the rest', () => {
  const good = renderNote([rec('good:1')]);
  const payload = renderNote([rec('bad:1')]).split('\n')[1]!;
  const [prefix, id, hash, z85] = payload.split(' ') as [string, string, string, string];
  const v1 = fixture('v1-minimal.txt').split('\n')[1]!;
  const [, v1Id, v1Hash, b64] = v1.split(' ') as [string, string, string, string];
  const cases: { name: string; line: string; reason: RegExp; recordId?: string }[] = [
    { name: 'bad Z85', line: `${prefix} ${id} ${hash} ${z85.slice(0, 10)}~~${z85.slice(12)}`, reason: /not valid Z85/, recordId: 'bad:1' },
    { name: 'bad base64 (aisess1)', line: `aisess1 ${v1Id} ${v1Hash} ${b64.slice(0, 10)}!!${b64.slice(12)}`, reason: /not valid base64/, recordId: 's:0' },
    { name: 'Z85 under aisess1', line: `aisess1 ${id} ${hash} ${z85}`, reason: /base64|decompress/, recordId: 'bad:1' },
    { name: 'bad hash', line: `${prefix} ${id} 0000000000000000 ${z85}`, reason: /hash mismatch/, recordId: 'bad:1' },
    { name: 'unknown version', line: `aisess9 ${id} ${hash} ${z85}`, reason: /unsupported format version aisess9/, recordId: 'bad:1' },
    { name: 'truncated', line: payload.slice(0, 60), reason: /Z85|decompress/, recordId: 'bad:1' },
    { name: 'truncated at a 5-char boundary', line: payload.slice(0, prefix.length + id.length + 19 + 40), reason: /decompress/, recordId: 'bad:1' },
    { name: 'missing fields', line: `${prefix} ${id}`, reason: /malformed/, recordId: 'bad:1' },
    { name: 'foreign line', line: 'hello from a human', reason: /unrecognised line/ },
    { name: 'damaged summary line', line: '# aisess bad:1 yesterday', reason: /unreadable summary line/, recordId: 'bad:1' },
    // Found by the fuzz suite (test/fuzz): each of these threw a TypeError or RangeError.
    { name: 'envelope that is JSON null', line: forged('bad:1', 'null'), reason: /not a JSON object/, recordId: 'bad:1' },
    { name: 'summary time past what a Date holds', line: forged('bad:1', envelopeWithTime('1e20')), reason: /no valid summary/, recordId: 'bad:1' },
    { name: 'summary time JSON reads as Infinity', line: forged('bad:1', envelopeWithTime('1e400')), reason: /no valid summary/, recordId: 'bad:1' },
    { name: 'payload of another record', line: payload.replace(' bad:1 ', ' other:1 '), reason: /belongs to record "bad:1"/, recordId: 'other:1' },
    // show formats the start as a date: 1e300 made it throw "Invalid time value" (exit 70).
    { name: 'a start time no date holds', line: encodePayloadLine({ ...rec('bad:1'), summary: { ...rec('bad:1').summary, time: 1e300 } }).line, reason: /no valid summary/, recordId: 'bad:1' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { records, problems } = decodeNote(`${good}${c.line}\n`);
      assert.deepEqual(records.map((r) => r.id), ['good:1']);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0]!.reason, c.reason);
      assert.equal(problems[0]!.line, 3);
      assert.equal(problems[0]!.recordId, c.recordId);
    });
  }

  test('one id with two payloads of different segments: the same one is kept whatever the line order, and a problem', () => {
    const a = renderNote([rec('x:1', 'first')]);
    const b = renderNote([{ ...rec('x:1', 'second'), summary: { ...rec('x:1').summary, title: 'another segment' } }]);
    const one = decodeNote(`${a}${b}`);
    const two = decodeNote(`${b}${a}`);
    assert.equal(one.records.length, 1);
    assert.deepEqual(one.records, two.records);
    assert.match(one.problems[0]!.reason, /two different payloads/);
  });

  test('one segment bound to two commits and joined by a squash: one record, the other payload a variant kept on rewrite', () => {
    const a = renderNote([rec('x:1', { bound: 'partial', commit: 'c1' })]);
    const b = renderNote([rec('x:1', { bound: 'full', commit: 'c2' })]);
    const note = parseNote(`${a}\n${b}`);
    assert.deepEqual(note.problems, []);
    assert.equal(note.records.length, 1);
    assert.equal(note.variants.length, 1);
    assert.notDeepEqual(note.variants[0]!.body, note.records[0]!.body);
    const rewritten = parseNote(renderNote(note.records, note.kept, note.lines));
    assert.deepEqual([rewritten.records, rewritten.variants], [note.records, note.variants], 'a rewrite keeps both payloads');
  });

  test('a damaged copy of a record that also decodes is not reported as missing data', () => {
    const { records } = decodeNote(`${good}${good.split('\n')[1]!.slice(0, 50)}\n`);
    assert.deepEqual(records.map((r) => r.id), ['good:1']);
  });
});

describe('headlines (summary lines only, no decompression)', () => {
  test('lists every record, with null summary when only a payload line is there', () => {
    const text = renderNote([rec('a:1'), rec('b:2')]);
    const withoutSummaryB = text.split('\n').filter((l) => !l.startsWith('# aisess b:2')).join('\n');
    assert.deepEqual(parseHeadlines(withoutSummaryB), [
      { id: 'a:1', summary: { time: Date.UTC(2026, 10, 25, 13, 2), agent: 'claude', durationMs: 192_000, title: 'task a:1', files: 2 } },
      { id: 'b:2', summary: null },
    ]);
  });
});
