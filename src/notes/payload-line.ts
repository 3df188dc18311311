import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Zstd from 'zstd-napi';
import { decompressCapped, jsonDepthOver, LimitError } from '../journal/bounded.js';
import { DEFAULT_LIMITS, type DecodeLimits } from './limits.js';
import type { NoteRecord, RecordSummary } from './types.js';
import { z85Decode, z85Encode } from './z85.js';

/**
 * `aisess2 <record-id> <hash> <z85(zstd(JSON envelope))>`; the digit is the format version. Version
 * 1 (`aisess1`, base64) is still read, forever; only the text encoding of the payload differs.
 */
export const FORMAT_VERSION = 2;
export const PAYLOAD_PREFIX = `aisess${FORMAT_VERSION} `;
/** Hex digits of sha256(envelope JSON bytes) kept on the line: 64 bits catch damage, not attacks. */
const HASH_HEX = 16;
/**
 * zstd level by envelope size (bench/note-size.ts, figures in docs/note-format.md): 19 is 5-10 %
 * smaller than 12 but costs 30-300 ms/MB against 2-15 ms/MB; binding runs in the background, so
 * up to 1 MiB the user never feels 19, while a one-hour segment (35 MB) must still bind in seconds.
 */
export const ZSTD_LEVEL = 12;
export const ZSTD_SMALL_LEVEL = 19;
export const SMALL_ENVELOPE = 1 << 20;
/**
 * A window as large as the envelope (up to 128 MiB, the most a zstd decoder accepts by default):
 * TUI redraws repeat far back, so the default 8 MiB window of a big segment misses most of them
 * (one hour: 195 KB at level 12 with 8 MiB, 125 KB with 128 MiB, same time). zstd shrinks the
 * window to the input, so small frames stay cheap to decode.
 */
export const ZSTD_WINDOW_LOG = 27;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/;
const VERSION_RE = /^aisess(\d+)(?: |$)/;

export type PayloadDecode =
  | { ok: true; record: NoteRecord; hash: string }
  | { ok: false; id?: string; reason: string };

export function isValidRecordId(id: string): boolean {
  return ID_RE.test(id);
}

/** Encodes one record; throws on an invalid id or a body JSON cannot represent. */
export function encodePayloadLine(record: NoteRecord, level?: number): { line: string; hash: string } {
  if (!isValidRecordId(record.id)) throw new Error(`invalid record id ${JSON.stringify(record.id)}: use letters, digits and . _ : @ + -`);
  const json = JSON.stringify({ id: record.id, summary: record.summary, body: record.body });
  if (json === undefined) throw new Error(`record ${record.id}: body is not JSON-serialisable`);
  const bytes = Buffer.from(json, 'utf8');
  const hash = hashOf(bytes);
  const payload = z85Encode(compressEnvelope(bytes, level));
  return { line: `${PAYLOAD_PREFIX}${record.id} ${hash} ${payload}`, hash };
}

/** Characters a payload of `bytes` compressed bytes takes on the line. */
export function payloadChars(bytes: number): number {
  return bytes + Math.ceil(bytes / 4);
}

// zstd-napi takes 15-30 ms to load: only when a payload is written (reading and a sync never do).
let zstd: typeof Zstd | undefined;

/** zstd of envelope bytes as a note line carries them; the level follows the size unless given. */
export function compressEnvelope(bytes: Uint8Array, level = bytes.length <= SMALL_ENVELOPE ? ZSTD_SMALL_LEVEL : ZSTD_LEVEL): Buffer {
  zstd ??= createRequire(import.meta.url)('zstd-napi') as typeof Zstd;
  return zstd.compress(bytes, { compressionLevel: level, windowLog: ZSTD_WINDOW_LOG });
}

/**
 * The most bytes compressEnvelope can return for `size` input bytes, without compressing: zstd's
 * ZSTD_COMPRESSBOUND (zstd.h), which holds at any level and window.
 */
export function compressedAtMost(size: number): number {
  const small = 128 << 10;
  return size + (size >>> 8) + (size < small ? (small - size) >>> 11 : 0);
}

/** The version number of a payload-looking line (`aisess<N> …`), or null when it is not one. */
export function payloadVersion(line: string): number | null {
  const m = VERSION_RE.exec(line);
  return m ? Number(m[1]) : null;
}

/**
 * Decodes a payload line of any version; failures say why and name the record when they can. A
 * payload over a limit (decompressed size, JSON depth) is a failure too, found before it costs much.
 */
export function decodePayloadLine(line: string, limits: DecodeLimits = DEFAULT_LIMITS): PayloadDecode {
  const fields = line.split(' ');
  const id = fields[1] && isValidRecordId(fields[1]) ? fields[1] : undefined;
  const version = payloadVersion(line);
  const text = version === null ? undefined : TEXT_DECODERS[version];
  if (!text) return { ok: false, id, reason: `unsupported format version aisess${version} (written by a newer aisess?)` };
  const [, , hash, payload] = fields;
  if (fields.length !== 4 || !id || !hash || !payload) return { ok: false, id, reason: 'malformed payload line (expected 4 fields)' };
  const compressed = text.decode(payload);
  if (!compressed) return { ok: false, id, reason: `payload is not valid ${text.name} (truncated?)` };
  let bytes: Buffer;
  try {
    bytes = decompressCapped(compressed, limits.maxRecordBytes);
  } catch (err) {
    if (err instanceof LimitError) return { ok: false, id, reason: `payload too large: it ${err.message}` };
    return { ok: false, id, reason: `payload does not decompress (${(err as Error).message})` };
  }
  if (hashOf(bytes) !== hash) return { ok: false, id, reason: `payload hash mismatch (expected ${hash}, got ${hashOf(bytes)})` };
  return parseEnvelope(bytes, id, hash, limits.maxDepth);
}

const TEXT_DECODERS: Record<number, { name: string; decode: (text: string) => Buffer | null }> = {
  1: { name: 'base64', decode: (t) => (/^[A-Za-z0-9+/]+={0,2}$/.test(t) && t.length % 4 === 0 ? Buffer.from(t, 'base64') : null) },
  2: { name: 'Z85', decode: z85Decode },
};

function parseEnvelope(bytes: Buffer, id: string, hash: string, maxDepth: number): PayloadDecode {
  let env: { id?: unknown; summary?: unknown; body?: unknown };
  const text = bytes.toString('utf8');
  if (jsonDepthOver(text, maxDepth)) return { ok: false, id, reason: `payload JSON nests deeper than ${maxDepth} levels` };
  try {
    env = JSON.parse(text) as typeof env;
  } catch {
    return { ok: false, id, reason: 'payload is not JSON' };
  }
  if (typeof env !== 'object' || env === null) return { ok: false, id, reason: 'payload is not a JSON object' };
  if (env.id !== id) return { ok: false, id, reason: `payload belongs to record ${JSON.stringify(env.id)}` };
  if (!isSummary(env.summary)) return { ok: false, id, reason: 'payload has no valid summary' };
  return { ok: true, record: { id, summary: env.summary, body: env.body }, hash };
}

/** Most milliseconds from the epoch a Date holds (ECMA-262 21.4.1.1): a summary's time must be a date. */
const MAX_TIME = 8.64e15;

function isSummary(v: unknown): v is RecordSummary {
  const s = v as Partial<RecordSummary> | null;
  // JSON reads 1e400 as Infinity, and a time past MAX_TIME makes every date format throw.
  return typeof s === 'object' && s !== null && typeof s.time === 'number' && Math.abs(s.time) <= MAX_TIME
    && typeof s.agent === 'string' && Number.isFinite(s.durationMs) && typeof s.title === 'string' && Number.isFinite(s.files);
}

function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, HASH_HEX);
}
