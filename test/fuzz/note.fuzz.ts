/**
 * Note text (refs/notes/aisess blobs written by anyone): parseNote and its summary lines. A note
 * never makes the reader throw, a damaged record costs only itself, and what aisess writes reads back.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { byTime, decodeNote, parseNote, renderNote } from '../../src/notes/codec.js';
import { parseHeadlines } from '../../src/notes/headlines.js';
import { mergeNoteLines } from '../../src/notes/merge-lines.js';
import { isValidRecordId } from '../../src/notes/payload-line.js';
import { parseSummaryLine, renderSummaryLine } from '../../src/notes/summary-line.js';
import { asJson, fixtureNotes, recordId, records, summary } from './records.js';
import { damaged, junk } from './mutate.js';
import { trial, type Trial } from './trial.js';

const DECODER = 'note lines';
const rendered = records(4).map((rs) => renderNote(rs));
const noteText = fc.oneof(
  fc.string(),
  fc.array(fc.oneof(junk, fc.constantFrom('aisess2 ', 'aisess1 ', 'aisess9 x y z', '# aisess '), fc.string()), { maxLength: 20 }).map((l) => l.join('\n')),
  damaged(fc.constantFrom(...fixtureNotes)),
  damaged(rendered),
);

const digits = fc.oneof(fc.stringMatching(/^\d{1,3}$/), fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n)));
/** A summary line built from parts that are each well-formed or hostile (huge numbers, escapes, quotes). */
const summaryParts = fc.record({
  id: fc.oneof(recordId, fc.string()),
  date: fc.oneof(fc.constant('2026-12-06'), fc.tuple(digits, digits, digits).map(([y, m, d]) => `${y}-${m}-${d}`)),
  hm: fc.oneof(fc.constant('08:42'), fc.tuple(digits, digits).map(([h, m]) => `${h}:${m}`)),
  agent: fc.oneof(fc.constant('claude'), fc.string()),
  duration: fc.oneof(fc.constant('3m12s'), fc.tuple(digits, digits, digits).map(([h, m, s]) => `${h}h${m}m${s}s`)),
  title: fc.oneof(fc.string().map((t) => JSON.stringify(t)), fc.string().map((t) => `"${t}"`), fc.constant('"\\u0000\\ud800"')),
  files: digits,
}).map((p) => `# aisess ${p.id} ${p.date} ${p.hm}Z ${p.agent} ${p.duration} ${p.title} (${p.files} files)`);

/** A payload line damaged so it can no longer decode as itself (its bytes differ). */
const lineDamage = fc.array(fc.boolean(), { minLength: 8, maxLength: 8 });

export const trials: Trial[] = [
  trial({ decoder: DECODER, target: 'parseNote (src/notes/codec.ts)', property: 'any text: no throw; every problem names a line of the note and says why', runs: 400 },
    noteText, (text) => {
      const note = parseNote(text);
      const lines = text.split('\n').length;
      for (const p of note.problems) {
        assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines, `problem on line ${p.line} of ${lines}`);
        assert.ok(p.reason.length > 0);
      }
    }),

  trial({ decoder: DECODER, target: 'parseNote (src/notes/codec.ts)', property: 'damaged records, junk lines and any line order: every intact record is read, none is invented', runs: 150 },
    fc.tuple(records(5), lineDamage, fc.array(damaged(fc.constant('aisess2 x 0 0')), { maxLength: 3 }), fc.array(fc.string(), { maxLength: 3 }),
      fc.array(fc.nat(), { maxLength: 8 })).chain(([rs, hit, extra, noise, order]) => {
      const text = renderNote(rs);
      const lines = text.split('\n').filter((l) => l !== '');
      const payloads = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('aisess2 '));
      const targets = payloads.filter((_, k) => hit[k]);
      return fc.tuple(...targets.map(([l]) => damaged(fc.constant(l)))).map((broken) => {
        const out = [...lines];
        targets.forEach(([, i], k) => { out[i] = broken[k]!; });
        out.push(...extra, ...noise);
        // A permutation: notes.rewriteMode and cat_sort_uniq reorder lines.
        order.forEach((n, k) => { const j = n % out.length; [out[k % out.length], out[j]] = [out[j]!, out[k % out.length]!]; });
        const intact = rs.filter((r) => out.some((l) => l === lines.find((x) => x.startsWith(`aisess2 ${r.id} `))));
        return { rs, intact, text: out.join('\n') };
      });
    }),
    ({ rs, intact, text }) => {
      const got = decodeNote(text).records.map(asJson);
      const all = rs.map(asJson);
      for (const r of intact.map(asJson)) assert.ok(got.some((g) => isDeepStrictEqual(g, r)), `intact record ${(r as { id: string }).id} was not read`);
      for (const g of got) assert.ok(all.some((r) => isDeepStrictEqual(g, r)), `a record no line held: ${JSON.stringify(g).slice(0, 200)}`);
    }),

  trial({ decoder: DECODER, target: 'renderNote → parseNote (src/notes/codec.ts)', property: 'round trip: the records aisess writes decode to themselves, with no problem', runs: 150 },
    records(5), (rs) => {
      const { records: got, problems } = decodeNote(renderNote(rs));
      assert.deepEqual(problems, []);
      assert.deepEqual(got.map(asJson), [...rs].sort(byTime).map(asJson));
    }),

  trial({ decoder: DECODER, target: 'parseHeadlines (src/notes/headlines.ts, what `log` reads)', property: 'damaged notes: no throw; every intact summary line is listed with its summary; only valid record ids', runs: 300 },
    fc.tuple(rendered, fc.array(fc.tuple(fc.nat(), damaged(fc.constant('# aisess x 2026-12-06 08:42Z a 1s "t" (1 file)'))), { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 3 }))
      .map(([text, edits, drops]) => {
        const lines = text.split('\n');
        for (const [at, bad] of edits) lines.splice(at % (lines.length + 1), 0, bad);
        for (const at of drops) lines[at % lines.length] = '';
        return lines.join('\n');
      }),
    (text) => {
      const headlines = parseHeadlines(text);
      for (const h of headlines) assert.ok(isValidRecordId(h.id) || h.summary !== null, `listed ${JSON.stringify(h.id)}`);
      for (const line of text.split('\n')) {
        const parsed = parseSummaryLine(line);
        if (!parsed) continue;
        const listed = headlines.find((h) => h.id === parsed.id);
        assert.ok(listed?.summary, `summary line of ${parsed.id} not listed`);
      }
    }),

  trial({ decoder: DECODER, target: 'parseSummaryLine (src/notes/summary-line.ts)', property: 'any or damaged summary line: no throw; a parsed line has a valid date and renders again', runs: 500 },
    fc.oneof(fc.string().map((s) => `# aisess ${s}`), summaryParts, damaged(fc.tuple(recordId, summary(fc.integer({ min: 0, max: 2.5e14 }))).map(([id, s]) => renderSummaryLine(id, s)))),
    (line) => {
      const parsed = parseSummaryLine(line);
      if (!parsed) return;
      assert.ok(Number.isFinite(parsed.summary.time), JSON.stringify(parsed.summary));
      renderSummaryLine(parsed.id, parsed.summary);
    }),

  trial({ decoder: DECODER, target: 'renderSummaryLine → parseSummaryLine (src/notes/summary-line.ts)', property: 'round trip to the minute (years 1970-9999)', runs: 500 },
    fc.tuple(recordId, summary(fc.integer({ min: 0, max: 253_402_300_799_999 }))), ([id, s]) => {
      const parsed = parseSummaryLine(renderSummaryLine(id, s));
      assert.ok(parsed, 'a rendered summary line does not parse');
      assert.equal(parsed.id, id);
      assert.equal(parsed.summary.time, Math.floor(s.time / 60_000) * 60_000);
      // Seconds are kept under an hour, minutes from an hour on (1h02m).
      const seconds = Math.round(s.durationMs / 1000);
      assert.equal(parsed.summary.durationMs, (seconds < 3600 ? seconds : seconds - (seconds % 60)) * 1000);
      assert.equal(parsed.summary.files, s.files);
    }),

  trial({ decoder: DECODER, target: 'mergeNoteLines (src/notes/merge-lines.ts)', property: 'any two notes and a base (a sync of notes from anyone): no throw; every record either side added decodes from the merge', runs: 200 },
    fc.tuple(fc.option(noteText), noteText, noteText), ([base, ours, theirs]) => {
      const merged = mergeNoteLines(base, ours, theirs);
      const got = new Set(decodeNote(merged).records.map((r) => `${r.id}\0${JSON.stringify(r)}`));
      const before = new Set(decodeNote(base ?? '').records.map((r) => `${r.id}\0${JSON.stringify(r)}`));
      for (const side of [ours, theirs]) {
        for (const r of decodeNote(side).records) {
          const key = `${r.id}\0${JSON.stringify(r)}`;
          // A record of two payloads decodes as the smaller hash; only a record new on a side must be there as itself.
          if (!before.has(key) && !parseNote(side).variants.length) assert.ok(got.has(key) || decodeNote(merged).problems.some((p) => p.recordId === r.id), `lost ${r.id}`);
        }
      }
    }),
];
