/**
 * A journal block's framing (docs/journal-format.md), and blocks whose zstd frame stores its bytes
 * as they are: zstd's raw blocks need no compressor, so the first bytes of a session are written
 * without loading zstd-napi or starting the encoder thread (block-worker.ts). Any zstd decoder reads
 * them as it reads compressed ones.
 */
import { crc32 } from 'node:zlib';

export const SKIPPABLE_MAGIC = 0x184d2a5a;
export const MARKER_SIZE = 16;

const ZSTD_MAGIC = 0xfd2fb528;
/** Single segment (the window is the content), a 4-byte content size, no checksum, no dictionary. */
const STORED_DESCRIPTOR = 0xa0;
/** zstd's largest block (Block_Maximum_Size). */
const MAX_RAW_BLOCK = 128 * 1024;
const FRAME_HEADER_SIZE = 9;
const BLOCK_HEADER_SIZE = 3;

/** The skippable frame announcing `frame` (its length and CRC-32), then the frame. */
export function framed(frame: Uint8Array): Buffer {
  const marker = Buffer.alloc(MARKER_SIZE);
  marker.writeUInt32LE(SKIPPABLE_MAGIC, 0);
  marker.writeUInt32LE(8, 4);
  marker.writeUInt32LE(frame.length, 8);
  marker.writeUInt32LE(crc32(frame), 12);
  return Buffer.concat([marker, frame]);
}

/** A standard zstd frame holding `bytes` uncompressed, in raw blocks. */
export function storedFrame(bytes: Uint8Array): Buffer {
  const blocks = Math.max(1, Math.ceil(bytes.length / MAX_RAW_BLOCK));
  const frame = Buffer.allocUnsafe(FRAME_HEADER_SIZE + blocks * BLOCK_HEADER_SIZE + bytes.length);
  frame.writeUInt32LE(ZSTD_MAGIC, 0);
  frame[4] = STORED_DESCRIPTOR;
  frame.writeUInt32LE(bytes.length, 5);
  let at = FRAME_HEADER_SIZE;
  for (let i = 0; i < blocks; i++) {
    const chunk = bytes.subarray(i * MAX_RAW_BLOCK, (i + 1) * MAX_RAW_BLOCK);
    const last = i === blocks - 1 ? 1 : 0;
    // Block header: bit 0 last block, bits 1-2 type (0: raw), bits 3-23 size.
    frame.writeUIntLE(last | (chunk.length << 3), at, BLOCK_HEADER_SIZE);
    frame.set(chunk, at + BLOCK_HEADER_SIZE);
    at += BLOCK_HEADER_SIZE + chunk.length;
  }
  return frame;
}

/** A journal block holding `text` uncompressed. */
export function storedBlock(text: string | Uint8Array): Buffer {
  return framed(storedFrame(typeof text === 'string' ? Buffer.from(text, 'utf8') : text));
}
