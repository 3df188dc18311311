/** Pure: log entries → one line per commit, or JSON. */
import { formatDate, formatDuration, plural } from './format.js';
import type { LogEntry } from './log.js';

export interface LogSummary {
  commit: string;
  short: string;
  date: string;
  agents: string[];
  segments: number;
  durationMs: number;
  /** The first prompt, or the first non-empty summary title; '' when none is known. */
  title: string;
  records: { id: string; time: string | null; agent: string | null; durationMs: number | null; title: string | null; files: number | null }[];
}

export function summarize(entry: LogEntry): LogSummary {
  const known = entry.records.flatMap((r) => (r.summary ? [r.summary] : [])).sort((a, b) => a.time - b.time);
  return {
    commit: entry.commit,
    short: entry.short,
    date: new Date(entry.date).toISOString(),
    agents: [...new Set(known.map((s) => s.agent))],
    segments: entry.records.length,
    durationMs: known.reduce((sum, s) => sum + s.durationMs, 0),
    title: known.find((s) => s.title.trim() !== '')?.title ?? '',
    records: entry.records.map((r) => ({
      id: r.id,
      time: r.summary ? new Date(r.summary.time).toISOString() : null,
      agent: r.summary?.agent ?? null,
      durationMs: r.summary?.durationMs ?? null,
      title: r.summary?.title ?? null,
      files: r.summary?.files ?? null,
    })),
  };
}

/** `abc1234  2026-01-01 10:00  claude        2 segments  3m12s  fix the tests` */
export function formatLogLines(entries: readonly LogEntry[]): string[] {
  const rows = entries.map((e) => {
    const s = summarize(e);
    return [s.short, formatDate(e.date), s.agents.join(',') || '?', plural(s.segments, 'segment'), formatDuration(s.durationMs), s.title || '-'];
  });
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(0, ...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell)).join('  '));
}
