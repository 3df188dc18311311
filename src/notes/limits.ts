/**
 * Limits on decoding one note record: notes come from other people, so a payload is never trusted
 * to be small or shallow. `git config aisess.maxRecordBytes` (bytes, optional k/m/g suffix) caps the
 * decompressed envelope of one record; nesting deeper than MAX_JSON_DEPTH is refused before parsing.
 */
import { DEFAULT_MAX_RECORD_BYTES, requireConfig } from '../config/aisess-config.js';
import type { Repo } from '../git/repo.js';

/** aisess writes envelopes a handful of levels deep; this leaves room and no stack to exhaust. */
export const MAX_JSON_DEPTH = 256;

export interface DecodeLimits {
  /** Most bytes one record's payload may decompress to. */
  maxRecordBytes: number;
  /** Most levels of JSON arrays and objects one envelope may nest. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, maxDepth: MAX_JSON_DEPTH };

const cache = new WeakMap<Repo, Promise<DecodeLimits>>();

/** The limits for this repository (aisess.maxRecordBytes or the default), read once per Repo. */
export function decodeLimits(repo: Repo): Promise<DecodeLimits> {
  let limits = cache.get(repo);
  if (!limits) cache.set(repo, (limits = requireConfig(repo.git, ['maxRecordBytes']).then((c) => ({ ...DEFAULT_LIMITS, maxRecordBytes: c.maxRecordBytes }))));
  return limits;
}
