/**
 * Block framing of a journal file. Each block is a zstd skippable frame whose 8-byte payload holds
 * the length and CRC-32 of the zstd frame that follows it. `zstd -dc` skips the skippable frames and
 * yields the plain asciicast; our reader uses them to verify each block and to resync after damage.
 */
import { crc32 } from 'node:zlib';
import { createRequire } from 'node:module';
import type * as ZstdBinding from 'zstd-napi/binding.js';
import { decompressCapped } from './bounded.js';
import { framed, MARKER_SIZE, SKIPPABLE_MAGIC } from './block-frame.js';
import { EventEncoder, encodeHeader } from './codec.js';
import type { JournalEvent, JournalHeader } from './events.js';

/**
 * Most bytes one block may decompress to. The writer flushes at 1 M queued characters or every
 * second, so a real block is a few MB; a journal given to replay or attach may come from anyone,
 * and a bomb is a damaged block.
 */
const MAX_BLOCK_BYTES = 64 * 1024 ** 2;

/** Level 1 is several times faster than 3 on terminal output for a few percent of size (docs/journal-format.md). */
export const DEFAULT_LEVEL = 1;

export interface Damage {
  /** Byte offset in the journal file where the unreadable span starts. */
  offset: number;
  bytes: number;
  reason: string;
}

export interface Block {
  offset: number;
  /** Offset just past this block: a file cut here ends on a block boundary. */
  end: number;
  text: string;
}

export interface BlockScan {
  blocks: Block[];
  damage: Damage[];
  /** End of the last good block: the readable prefix a recovery keeps. */
  goodEnd: number;
}

// Contexts and the output buffer are reused: zstd-napi's compress() sets up a fresh context and
// a fresh output buffer per call, which in a flood cost more than compressing (page faults mostly).
// The package's documented low-level layer; a CommonJS native module, hence require.
const { CCtx, compressBound } = createRequire(import.meta.url)('zstd-napi/binding.js') as typeof ZstdBinding;
const contexts = new Map<number, ZstdBinding.CCtx>();
let scratch = Buffer.alloc(0);

function compressFrame(src: Uint8Array, level: number): Buffer {
  let cctx = contexts.get(level);
  if (!cctx) contexts.set(level, (cctx = new CCtx()));
  const bound = compressBound(src.byteLength);
  if (scratch.length < bound) scratch = Buffer.allocUnsafeSlow(Math.max(bound, 2 * scratch.length));
  return scratch.subarray(0, cctx.compress(scratch, src, level));
}

export function encodeBlock(text: string | Uint8Array, level = DEFAULT_LEVEL): Buffer {
  return framed(compressFrame(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, level));
}

/** A whole journal in one go, one block per batch (the writer does the same incrementally). */
export function encodeJournal(header: JournalHeader, batches: readonly JournalEvent[][], level = DEFAULT_LEVEL): Buffer {
  const encoder = new EventEncoder();
  return Buffer.concat([encodeBlock(encodeHeader(header), level), ...batches.map((b) => encodeBlock(encoder.encode(b), level))]);
}

export function scanBlocks(buf: Buffer): BlockScan {
  const scan: BlockScan = { blocks: [], damage: [], goodEnd: 0 };
  let pos = 0;
  while (pos < buf.length) {
    const result = readBlock(buf, pos);
    if ('text' in result) {
      scan.blocks.push(result);
      scan.goodEnd = result.end;
      pos = result.end;
      continue;
    }
    const next = result.truncated ? buf.length : findMarker(buf, pos + 1);
    addDamage(scan.damage, { offset: pos, bytes: next - pos, reason: result.reason });
    pos = next;
  }
  return scan;
}

function readBlock(buf: Buffer, pos: number): Block | { reason: string; truncated: boolean } {
  if (buf.length - pos < MARKER_SIZE) {
    return isMarkerPrefix(buf, pos) ? { reason: 'truncated last block', truncated: true } : { reason: 'no block marker', truncated: false };
  }
  if (buf.readUInt32LE(pos) !== SKIPPABLE_MAGIC || buf.readUInt32LE(pos + 4) !== 8) {
    return { reason: 'no block marker', truncated: false };
  }
  const length = buf.readUInt32LE(pos + 8);
  const start = pos + MARKER_SIZE;
  const end = start + length;
  const frame = buf.subarray(start, Math.min(end, buf.length));
  if (end > buf.length) {
    // A crash mid-write leaves a short last block; damage elsewhere can also make the length wrong.
    const later = findMarker(buf, pos + 1);
    return later === buf.length ? { reason: 'truncated last block', truncated: true } : { reason: 'bad block length', truncated: false };
  }
  if (crc32(frame) !== buf.readUInt32LE(pos + 12)) return { reason: 'checksum mismatch', truncated: false };
  try {
    return { offset: pos, end, text: decompressCapped(frame, MAX_BLOCK_BYTES, 'a journal block').toString('utf8') };
  } catch (err) {
    return { reason: `undecodable block: ${(err as Error).message}`, truncated: false };
  }
}

function isMarkerPrefix(buf: Buffer, pos: number): boolean {
  const magic = Buffer.alloc(4);
  magic.writeUInt32LE(SKIPPABLE_MAGIC, 0);
  const rest = buf.subarray(pos, pos + 4);
  return magic.subarray(0, rest.length).equals(rest);
}

function findMarker(buf: Buffer, from: number): number {
  const magic = Buffer.alloc(4);
  magic.writeUInt32LE(SKIPPABLE_MAGIC, 0);
  const at = buf.indexOf(magic, from);
  return at === -1 ? buf.length : at;
}

/** Consecutive unreadable spans (a bad block, then garbage until the next marker) are one report. */
function addDamage(list: Damage[], d: Damage): void {
  const last = list[list.length - 1];
  if (last && last.offset + last.bytes === d.offset && last.reason === d.reason) last.bytes += d.bytes;
  else list.push(d);
}
