/**
 * Rollouts Codex compressed. With its local_thread_store_compression feature (0.169: off by default,
 * "under development") Codex compresses rollouts untouched for 7 days to `rollout-….jsonl.zst` and
 * removes the plain file; resuming one writes the plain file back (same name, the old lines) and
 * appends to it, and the .zst goes (measured with the real 0.169 binary). So a resumed compressed
 * rollout is followed at its plain name, from the end of its decompressed text, which must be read
 * before Codex starts: afterwards the .zst is gone.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Buffer } from 'node:buffer';

export const ZST = '.zst';
const MAX_COMPRESSED = 64 << 20;

export const isCompressed = (file: string) => file.endsWith(ZST);

/** The plain file a rollout is (or will be written back as). */
export const plainOf = (file: string) => (isCompressed(file) ? file.slice(0, -ZST.length) : file);

// zstd-napi takes 15-30 ms to load: only when a compressed rollout is there.
let zstd: { decompress(data: Uint8Array): Buffer } | undefined;

/** The decompressed bytes of a .jsonl.zst; null when unreadable, absurdly big or not zstd. */
export function readCompressed(file: string): Buffer | null {
  try {
    if (statSync(file).size > MAX_COMPRESSED) return null;
    zstd ??= createRequire(import.meta.url)('zstd-napi') as { decompress(data: Uint8Array): Buffer };
    return zstd.decompress(readFileSync(file));
  } catch {
    return null;
  }
}

export interface ResumeTarget {
  /** Where the resumed session's lines go. */
  file: string;
  /** Bytes of it that are older than this session. */
  offset: number;
  /** Its first line (session_meta), read now in case the file it came from is gone later. */
  head?: string;
}

/** Where a rollout resumed now continues; null when a compressed one cannot be read. */
export function resumeTarget(file: string): ResumeTarget | null {
  if (!isCompressed(file)) {
    try {
      return { file, offset: statSync(file).size };
    } catch {
      return null;
    }
  }
  const text = readCompressed(file);
  if (!text) return null;
  const nl = text.indexOf(10);
  return { file: plainOf(file), offset: text.length, head: text.subarray(0, nl < 0 ? text.length : nl).toString('utf8') };
}
