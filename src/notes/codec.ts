import { decodePayloadLine, encodePayloadLine, payloadVersion } from './payload-line.js';
import { parseSummaryLine, renderSummaryLine, SUMMARY_PREFIX, summaryLineId } from './summary-line.js';
import { DEFAULT_LIMITS, type DecodeLimits } from './limits.js';
import type { NoteProblem, NoteRecord } from './types.js';

/** A decoded note plus what a rewrite must carry over untouched. */
export interface ParsedNote {
  records: NoteRecord[];
  /** Hash of each decoded record's payload, by id: equal hashes mean the same content. */
  hashes: Map<string, string>;
  /** The payload line each decoded record came from, reused on rewrite instead of recompressing. */
  lines: Map<string, string>;
  problems: NoteProblem[];
  /**
   * Lines this reader cannot use (newer versions, damage, foreign text), kept verbatim on rewrite:
   * aisess never deletes what it cannot read, except when asked to detach.
   */
  kept: { id?: string; text: string }[];
  /**
   * Other payloads of a record id whose summary is the same segment's (a squash joins the notes of
   * two commits one segment was bound to, partly each): not damage. Their lines stay on rewrite.
   */
  variants: NoteRecord[];
}

/**
 * Decodes a note. Order-independent: lines may come sorted (cat_sort_uniq), concatenated with blank
 * lines between (notes.rewriteMode=concatenate) or duplicated; each record id yields one record.
 */
export function parseNote(text: string, limits: DecodeLimits = DEFAULT_LIMITS): ParsedNote {
  const byId = new Map<string, Decoded>();
  const note: ParsedNote = { records: [], hashes: new Map(), lines: new Map(), problems: [], kept: [], variants: [] };
  const variants = new Map<string, Decoded>();
  const summaries: { id?: string; text: string; line: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const n = i + 1;
    if (line.trim() === '') return;
    if (line.startsWith(SUMMARY_PREFIX)) {
      summaries.push({ id: summaryLineId(line), text: line, line: n });
      return;
    }
    if (payloadVersion(line) === null) {
      note.problems.push({ line: n, reason: `unrecognised line: ${excerpt(line)}` });
      note.kept.push({ text: line });
      return;
    }
    const d = decodePayloadLine(line, limits);
    if (!d.ok) {
      note.problems.push({ line: n, ...(d.id ? { recordId: d.id } : {}), reason: d.reason });
      note.kept.push({ id: d.id, text: line });
      return;
    }
    addDecoded(byId, variants, note.problems, { record: d.record, hash: d.hash, line: n, text: line });
  });
  for (const { record, hash, text: payload } of [...byId.values()].sort((a, b) => byTime(a.record, b.record))) {
    note.records.push(record);
    note.hashes.set(record.id, hash);
    note.lines.set(record.id, payload);
  }
  keepOrphanSummaries(note, summaries, byId);
  dropKeptCopiesOfGoodRecords(note, byId);
  for (const v of variants.values()) {
    if (v.hash === note.hashes.get(v.record.id)) continue;
    note.variants.push(v.record);
    note.kept.push({ id: v.record.id, text: v.text });
  }
  return note;
}

type Decoded = { record: NoteRecord; hash: string; line: number; text: string };

function addDecoded(byId: Map<string, Decoded>, variants: Map<string, Decoded>, problems: NoteProblem[], d: Decoded): void {
  const id = d.record.id;
  const seen = byId.get(id);
  if (!seen) {
    byId.set(id, d);
    return;
  }
  if (seen.hash === d.hash) return;
  // Keep the same one whatever the line order.
  const [keep, other] = seen.hash < d.hash ? [seen, d] : [d, seen];
  byId.set(id, keep);
  if (sameSegment(keep.record, other.record)) {
    variants.set(`${id}\0${other.hash}`, other);
    return;
  }
  problems.push({ line: d.line, recordId: id, reason: `record has two different payloads; using the one with hash ${keep.hash}` });
}

/** One segment bound to two commits: the same start, agent, duration and title; only what was bound differs. */
function sameSegment(a: NoteRecord, b: NoteRecord): boolean {
  const [x, y] = [a.summary, b.summary];
  return x.time === y.time && x.agent === y.agent && x.durationMs === y.durationMs && x.title === y.title;
}

/** Summary lines of records that did not decode are kept, so a newer version's note stays readable. */
function keepOrphanSummaries(note: ParsedNote, summaries: { id?: string; text: string; line: number }[], byId: Map<string, unknown>): void {
  const seen = new Set<string>();
  for (const s of summaries) {
    if (s.id && byId.has(s.id)) continue;
    if (seen.has(s.text)) continue;
    seen.add(s.text);
    if (!parseSummaryLine(s.text)) note.problems.push({ line: s.line, ...(s.id ? { recordId: s.id } : {}), reason: 'unreadable summary line' });
    note.kept.push({ id: s.id, text: s.text });
  }
}

/** A damaged copy of a record that also decoded elsewhere in the note is noise, not data. */
function dropKeptCopiesOfGoodRecords(note: ParsedNote, byId: Map<string, unknown>): void {
  const unique = new Map<string, { id?: string; text: string }>();
  for (const k of note.kept) if (!(k.id && byId.has(k.id))) unique.set(k.text, k);
  note.kept = [...unique.values()];
}

/** Normalised text: summary lines first (records by time), then payload lines, then kept lines; ends with a newline. */
export function renderNote(
  records: readonly NoteRecord[],
  kept: readonly { text: string }[] = [],
  encoded: ReadonlyMap<string, string> = new Map(),
): string {
  records = [...records].sort(byTime);
  const keptSummaries = kept.filter((k) => k.text.startsWith('#')).map((k) => k.text);
  const keptOther = kept.filter((k) => !k.text.startsWith('#')).map((k) => k.text);
  const lines = [
    ...records.map((r) => renderSummaryLine(r.id, r.summary)),
    ...keptSummaries,
    ...records.map((r) => encoded.get(r.id) ?? encodePayloadLine(r).line),
    ...keptOther,
  ];
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Records in a stable order whatever the line order: by start time, then id. */
export function byTime(a: NoteRecord, b: NoteRecord): number {
  return a.summary.time - b.summary.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Decode only: records and problems. */
export function decodeNote(text: string, limits: DecodeLimits = DEFAULT_LIMITS): { records: NoteRecord[]; problems: NoteProblem[] } {
  const { records, problems } = parseNote(text, limits);
  return { records, problems };
}

function excerpt(line: string): string {
  return JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line);
}
