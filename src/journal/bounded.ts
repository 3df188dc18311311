/**
 * Decoding that a hostile payload cannot blow up: zstd with a hard output cap (the frames' declared
 * sizes checked before anything is decoded, then a streaming decode that stops at the cap whatever
 * the frames claim), and a linear bracket-depth scan before JSON.parse.
 */
import { createRequire } from 'node:module';
import type * as ZstdBinding from 'zstd-napi/binding.js';

const binding = createRequire(import.meta.url)('zstd-napi/binding.js') as typeof ZstdBinding;
const CHUNK = binding.dStreamOutSize();
let dctx: ZstdBinding.DCtx | null = null;

/** Thrown when a payload is over a limit; the message says which. */
export class LimitError extends Error {}

/** Sum of the declared content sizes of every frame, or null when a frame does not declare one. */
function declaredSize(input: Uint8Array): number | null {
  let total = 0;
  let frame = input;
  while (frame.length > 0) {
    const size = binding.getFrameContentSize(frame);
    if (size === null) return null;
    total += size;
    frame = frame.subarray(binding.findFrameCompressedSize(frame));
  }
  return total;
}

/**
 * Decompresses at most `cap` bytes; LimitError when the content is larger, Error when it is not
 * zstd. `setting` names what sets the cap, for the message.
 */
export function decompressCapped(input: Uint8Array, cap: number, setting = 'aisess.maxRecordBytes'): Buffer {
  const declared = declaredSize(input);
  if (declared !== null && declared > cap) throw new LimitError(`declares ${declared} bytes, over the limit of ${cap} (${setting})`);
  const ctx = (dctx ??= new binding.DCtx());
  ctx.reset(binding.ResetDirective.sessionOnly);
  const chunks: Buffer[] = [];
  let total = 0;
  let src = input;
  for (;;) {
    // Room for one byte past the cap, so content of exactly `cap` bytes is told from more.
    const room = Math.min(Math.max(CHUNK, declared ?? 0), cap - total + 1);
    const dst = Buffer.allocUnsafe(room);
    const [ret, produced, consumed] = ctx.decompressStream(dst, src);
    total += produced;
    if (total > cap) {
      ctx.reset(binding.ResetDirective.sessionOnly);
      throw new LimitError(`decompresses to more than the limit of ${cap} bytes (${setting})`);
    }
    if (produced > 0) chunks.push(dst.subarray(0, produced));
    src = src.subarray(consumed);
    if (src.length === 0 && (produced < room || ret === 0)) {
      if (ret !== 0) throw new Error('compressed data ends in the middle of a frame');
      break;
    }
    if (produced === 0 && consumed === 0) throw new Error('decoder made no progress');
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/**
 * The deepest nesting of arrays and objects in JSON text, stopping as soon as it passes `max`
 * (brackets inside strings do not count). Linear, no recursion.
 */
export function jsonDepthOver(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
