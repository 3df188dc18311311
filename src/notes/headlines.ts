import { isValidRecordId, payloadVersion } from './payload-line.js';
import { parseSummaryLine, SUMMARY_PREFIX } from './summary-line.js';
import type { RecordHeadline } from './types.js';

/**
 * Lists a note's records from their summary lines without decompressing any payload: what
 * `aisess log` needs over thousands of notes. Not integrity-checked; `parseNote` is.
 */
export function parseHeadlines(text: string): RecordHeadline[] {
  const byId = new Map<string, RecordHeadline>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith(SUMMARY_PREFIX)) {
      const s = parseSummaryLine(line);
      if (s && !byId.get(s.id)?.summary) byId.set(s.id, s);
      continue;
    }
    if (payloadVersion(line) === null) continue;
    const start = line.indexOf(' ') + 1;
    const end = line.indexOf(' ', start);
    const id = start > 0 ? line.slice(start, end < 0 ? undefined : end) : '';
    if (isValidRecordId(id) && !byId.has(id)) byId.set(id, { id, summary: null });
  }
  return [...byId.values()];
}
