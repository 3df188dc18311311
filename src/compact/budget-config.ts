/** git config aisess.noteBudget: bytes with an optional k/m/g suffix (as git's own sizes); 0 or "off" means none. */
import { DEFAULT_NOTE_BUDGET } from './budget.js';

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

export function parseNoteBudget(value: string | null): number {
  if (value === null || value.trim() === '') return DEFAULT_NOTE_BUDGET;
  const v = value.trim().toLowerCase();
  if (v === 'off' || v === 'none') return Infinity;
  const m = /^(\d+)\s*([kmg]?)i?b?$/.exec(v);
  // The binder runs from a commit hook and must not fail over a typo: an unreadable value means the default.
  if (!m) return DEFAULT_NOTE_BUDGET;
  const bytes = Number(m[1]) * UNITS[m[2]!]!;
  return bytes === 0 ? Infinity : bytes;
}
