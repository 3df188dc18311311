/** Parses `aisess.pendingExpiry`: "14 days", "2.weeks", "36h", "never"; a bare number means days. */
export const DEFAULT_EXPIRY_MS = 14 * 86_400_000;

const UNITS: Record<string, number> = {
  s: 1000, sec: 1000, second: 1000,
  m: 60_000, min: 60_000, minute: 60_000,
  h: 3_600_000, hour: 3_600_000,
  d: 86_400_000, day: 86_400_000,
  w: 604_800_000, week: 604_800_000,
};

/** Milliseconds, Infinity for "never", or null when the value cannot be read. */
export function parseExpiry(value: string): number | null {
  const text = value.trim().toLowerCase();
  if (text === 'never' || text === 'false' || text === 'off') return Infinity;
  const m = /^(\d+(?:\.\d+)?)\s*[. ]?\s*([a-z]*)$/.exec(text);
  if (!m) return null;
  const unit = m[2] || 'd';
  const factor = UNITS[unit] ?? UNITS[unit.replace(/s$/, '')];
  return factor === undefined ? null : Number(m[1]) * factor;
}
