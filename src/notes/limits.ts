/**
 * Limits on decoding one note record: notes come from other people, so a payload is never trusted
 * to be small or shallow. `git config aisess.maxRecordBytes` (bytes, optional k/m/g suffix) caps the
 * decompressed envelope of one record; nesting deeper than MAX_JSON_DEPTH is refused before parsing.
 */
import { UserError } from '../cli/errors.js';
import { parseByteSize } from '../git/byte-size.js';
import type { Repo } from '../git/repo.js';

/** Well above any real record: the note budget keeps a segment's note to 256 KiB compressed by default. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 ** 2;
/** aisess writes envelopes a handful of levels deep; this leaves room and no stack to exhaust. */
export const MAX_JSON_DEPTH = 256;
export const MAX_RECORD_CONFIG = 'aisess.maxRecordBytes';

export interface DecodeLimits {
  /** Most bytes one record's payload may decompress to. */
  maxRecordBytes: number;
  /** Most levels of JSON arrays and objects one envelope may nest. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, maxDepth: MAX_JSON_DEPTH };

/** Parses a configured value; null when it is not a positive size. */
export function parseMaxRecordBytes(value: string): number | null {
  const bytes = parseByteSize(value);
  return bytes !== null && bytes > 0 ? bytes : null;
}

const cache = new WeakMap<Repo, Promise<DecodeLimits>>();

/** The limits for this repository (aisess.maxRecordBytes or the default), read once per Repo. */
export function decodeLimits(repo: Repo): Promise<DecodeLimits> {
  let limits = cache.get(repo);
  if (!limits) {
    limits = repo.git.run(['config', '--get', MAX_RECORD_CONFIG], { okCodes: [1] }).then((r) => {
      if (r.exitCode !== 0) return DEFAULT_LIMITS;
      const bytes = parseMaxRecordBytes(r.stdout);
      if (bytes === null) {
        throw new UserError(`${MAX_RECORD_CONFIG} is not a size: ${JSON.stringify(r.stdout.trim())}`, {
          code: 'badData',
          hint: `set it to a number of bytes with an optional k, m or g suffix, e.g. \`git config ${MAX_RECORD_CONFIG} 64m\``,
        });
      }
      return { ...DEFAULT_LIMITS, maxRecordBytes: bytes };
    });
    cache.set(repo, limits);
  }
  return limits;
}
