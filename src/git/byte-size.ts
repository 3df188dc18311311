/** A size as git writes its own: bytes with an optional k/m/g suffix (powers of 1024), e.g. `64m`. */
const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** The number of bytes, or null when the text is not such a size. */
export function parseByteSize(value: string): number | null {
  const m = /^(\d+)\s*([kmg]?)i?b?$/.exec(value.trim().toLowerCase());
  if (!m) return null;
  const bytes = Number(m[1]) * UNITS[m[2]!]!;
  return Number.isSafeInteger(bytes) ? bytes : null;
}
