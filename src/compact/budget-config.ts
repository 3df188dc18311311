/** git config aisess.noteBudget: bytes with an optional k/m/g suffix (as git's own sizes); 0 or "off" means none. */
import { parseByteSize } from '../git/byte-size.js';
import { DEFAULT_NOTE_BUDGET } from './budget.js';

export function parseNoteBudget(value: string | null): number {
  if (value === null || value.trim() === '') return DEFAULT_NOTE_BUDGET;
  const v = value.trim().toLowerCase();
  if (v === 'off' || v === 'none') return Infinity;
  const bytes = parseByteSize(v);
  // The binder runs from a commit hook and must not fail over a typo: an unreadable value means the default.
  if (bytes === null) return DEFAULT_NOTE_BUDGET;
  return bytes === 0 ? Infinity : bytes;
}
