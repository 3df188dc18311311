import { payloadVersion } from './payload-line.js';
import { SUMMARY_PREFIX, summaryLineId } from './summary-line.js';

/**
 * Pure: the three-way merge of one commit's note, line by line. A line stays when both sides have
 * it or when either side added it since the base (no base: every line of both); a line of the base
 * that one side removed (a detach, a replaced payload) and the other kept goes. Then each record
 * once: payload lines of the same record id and envelope hash are one record even when encoded
 * differently (aisess1 and aisess2), the newest version wins; one summary line per id. Lines come
 * out sorted like `cat_sort_uniq` (summary lines first, as '#' < 'a'), so both clones
 * merging the same two notes write the same blob, and the merged trees converge.
 */
export function mergeNoteLines(base: string | null, local: string, remote: string): string {
  const b = lineSet(base ?? '');
  const l = lineSet(local);
  const r = lineSet(remote);
  const kept: string[] = [];
  for (const line of l) if (r.has(line) || !b.has(line)) kept.push(line);
  for (const line of r) if (!l.has(line) && !b.has(line)) kept.push(line);
  return renderLines(onePerRecord(kept));
}

/** The note's non-blank lines, `\r` before `\n` ignored (as the reader does). */
export function lineSet(text: string): Set<string> {
  const set = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') set.add(line);
  }
  return set;
}

/** What makes two lines the same item: a payload's id and hash, a summary's id, else the line. */
export function recordKey(line: string): string {
  if (line.startsWith(SUMMARY_PREFIX)) {
    const id = summaryLineId(line);
    return id ? `#\0${id}` : line;
  }
  if (payloadVersion(line) === null) return line;
  const f = line.split(' ', 4);
  return f.length === 4 && f[1] && /^[0-9a-f]{16}$/.test(f[2] ?? '') ? `p\0${f[1]}\0${f[2]}` : line;
}

function onePerRecord(lines: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const line of lines) {
    const key = recordKey(line);
    const seen = byKey.get(key);
    if (seen === undefined || preferred(line, seen)) byKey.set(key, line);
  }
  return [...byKey.values()];
}

/** The newest encoding of a record, then the smallest line: the same choice on every clone. */
function preferred(a: string, b: string): boolean {
  const va = payloadVersion(a) ?? 0;
  const vb = payloadVersion(b) ?? 0;
  return va !== vb ? va > vb : a < b;
}

function renderLines(lines: string[]): string {
  if (lines.length === 0) return '';
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${lines.join('\n')}\n`;
}
