/** Pure: log entries → one line per commit, or JSON. */
import { formatDuration } from '../text/duration.js';
import { formatDate, plural } from '../text/human.js';
import type { LogEntry } from './log.js';
import { safeText } from './safe-text.js';
import type { RequestRef } from './segment-view.js';
import { requestLabel } from './request-label.js';

export interface LogSummary {
  commit: string;
  short: string;
  date: string;
  agents: string[];
  /** Models named by the records' summaries (`<agent>/<model>`), first seen first. */
  models: string[];
  segments: number;
  durationMs: number;
  /** The first prompt, or the first non-empty summary title; '' when none is known. */
  title: string;
  /** Set when the commit carries no notes and the records were found through its pull/merge request's head (docs/binding.md). */
  via: RequestRef | null;
  records: { id: string; time: string | null; agent: string | null; model: string | null; durationMs: number | null; title: string | null; files: number | null }[];
}

export function summarize(entry: LogEntry): LogSummary {
  const known = entry.records.flatMap((r) => (r.summary ? [r.summary] : [])).sort((a, b) => a.time - b.time);
  return {
    commit: entry.commit,
    short: entry.short,
    date: new Date(entry.date).toISOString(),
    agents: [...new Set(known.map((s) => splitAgent(s.agent)[0]))],
    models: [...new Set(known.flatMap((s) => splitAgent(s.agent)[1] ?? []))],
    segments: entry.records.length,
    durationMs: known.reduce((sum, s) => sum + s.durationMs, 0),
    title: known.find((s) => s.title.trim() !== '')?.title ?? '',
    via: entry.via ?? null,
    records: entry.records.map((r) => ({
      id: r.id,
      time: r.summary ? new Date(r.summary.time).toISOString() : null,
      agent: r.summary ? splitAgent(r.summary.agent)[0] : null,
      model: r.summary ? (splitAgent(r.summary.agent)[1] ?? null) : null,
      durationMs: r.summary?.durationMs ?? null,
      title: r.summary?.title ?? null,
      files: r.summary?.files ?? null,
    })),
  };
}

/** The summary line's agent word: `<agent>` or `<agent>/<model>` (src/record/body.ts recordSummary). */
export function splitAgent(word: string): [string, string | undefined] {
  const slash = word.indexOf('/');
  return slash < 0 ? [word, undefined] : [word.slice(0, slash), word.slice(slash + 1)];
}

/** `abc1234  2026-01-01 10:00  claude  claude-sonnet-4-5  2 segments  3m12s  fix the tests`; note strings made safe for a terminal. */
export function formatLogLines(entries: readonly LogEntry[]): string[] {
  const rows = entries.map((e) => {
    const s = summarize(e);
    return [s.short, formatDate(e.date), safeText(s.agents.join(',')) || '?', safeText(s.models.join(',')) || '-', plural(s.segments, 'segment'), formatDuration(s.durationMs), `${safeText(s.title) || '-'}${s.via ? `  (via ${requestLabel(s.via)})` : ''}`];
  });
  const widths = [0, 1, 2, 3, 4, 5].map((i) => Math.max(0, ...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell)).join('  '));
}
