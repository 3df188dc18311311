/** Shared text formatting for log and show: local dates, durations, short ids. */
import { formatDuration } from '../notes/summary-line.js';

export { formatDuration };

/** `YYYY-MM-DD HH:MM` in local time (TZ decides, like git log's default). */
export function formatDate(ms: number, seconds = false): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  const hm = `${p(d.getHours())}:${p(d.getMinutes())}${seconds ? `:${p(d.getSeconds())}` : ''}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${hm}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
