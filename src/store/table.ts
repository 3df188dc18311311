/** Pure formatting of the `aisess sessions` table. */
import type { SessionMeta } from './meta.js';

export const TABLE_HEADINGS = ['ID', 'AGENT', 'STARTED', 'DURATION', 'SIZE', 'STATUS'] as const;

export function sessionRow(meta: SessionMeta, nowMs: number): string[] {
  const seconds = meta.status === 'running' ? (nowMs - meta.startedAt) / 1000 : meta.duration;
  return [meta.id, meta.agent, localTime(meta.startedAt), formatDuration(seconds), formatSize(meta.bytes), statusText(meta)];
}

export function formatTable(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col] ?? 0))).join('  '));
}

export function statusText(meta: SessionMeta): string {
  if (meta.status !== 'finished') return meta.status;
  if (!meta.exit) return 'finished';
  return 'code' in meta.exit ? `exit ${meta.exit.code}` : meta.exit.signal;
}

export function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
