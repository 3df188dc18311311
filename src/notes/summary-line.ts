import { formatDuration, parseDuration } from '../text/duration.js';
import type { RecordSummary } from './types.js';

/**
 * `# aisess <id> <YYYY-MM-DD HH:MMZ> <agent> <duration> "<title>" (<n> files)`.
 * '#' (0x23) sorts before 'a' (0x61), so after `git notes merge -s cat_sort_uniq` (a byte-wise sort)
 * every summary line still comes before every payload line.
 */
export const SUMMARY_PREFIX = '# aisess ';
const TITLE_MAX = 72;
const LINE_RE = /^# aisess (\S+) (\d{4}-\d\d-\d\d) (\d\d:\d\d)Z (\S+) (\S+) ("(?:[^"\\]|\\.)*") \((\d+) files?\)$/;

export function renderSummaryLine(id: string, s: RecordSummary): string {
  const when = new Date(s.time).toISOString();
  const date = when.slice(0, 10);
  const time = when.slice(11, 16);
  const agent = s.agent.replace(/\s+/g, '-') || '-';
  const files = `(${s.files} ${s.files === 1 ? 'file' : 'files'})`;
  return `${SUMMARY_PREFIX}${id} ${date} ${time}Z ${agent} ${formatDuration(s.durationMs)} ${JSON.stringify(shorten(s.title))} ${files}`;
}

/** Parses a summary line; null when it is not one. Minutes are all the line keeps of the time. */
export function parseSummaryLine(line: string): { id: string; summary: RecordSummary } | null {
  const m = LINE_RE.exec(line);
  if (!m) return null;
  const [, id, date, hm, agent, dur, title, files] = m as unknown as string[];
  const time = Date.parse(`${date}T${hm}:00Z`);
  const durationMs = parseDuration(dur!);
  let text: unknown;
  try {
    text = JSON.parse(title!);
  } catch {
    return null;
  }
  if (Number.isNaN(time) || durationMs === null || typeof text !== 'string') return null;
  return { id: id!, summary: { time, agent: agent!, durationMs, title: text, files: Number(files) } };
}

/** The record id of a line that starts like a summary line, even a damaged one. */
export function summaryLineId(line: string): string | undefined {
  return line.startsWith(SUMMARY_PREFIX) ? line.slice(SUMMARY_PREFIX.length).split(' ', 1)[0] || undefined : undefined;
}

function shorten(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= TITLE_MAX ? flat : `${chars.slice(0, TITLE_MAX - 1).join('')}…`;
}

/** 45s, 3m12s, 1h02m: short, and parsed back to milliseconds (seconds precision). */
