/** Pure formatting of the `aisess sessions` table. */
import { formatDuration } from '../text/duration.js';
import { formatDate, formatSize } from '../text/human.js';
import type { SessionMeta } from '../store/meta.js';

export const TABLE_HEADINGS = ['ID', 'AGENT', 'STARTED', 'DURATION', 'SIZE', 'STATUS'] as const;

export function sessionRow(meta: SessionMeta, nowMs: number): string[] {
  const seconds = meta.status === 'running' ? (nowMs - meta.startedAt) / 1000 : meta.duration;
  return [meta.id, meta.agent, formatDate(meta.startedAt), formatDuration(seconds * 1000), formatSize(meta.bytes), statusText(meta)];
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

