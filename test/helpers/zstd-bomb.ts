/** Decompression bombs made on the fly (never committed): a few KB of zstd that expand to gigabytes of zeros. */
import { createRequire } from 'node:module';
import type * as ZstdBinding from 'zstd-napi/binding.js';

const binding = createRequire(import.meta.url)('zstd-napi/binding.js') as typeof ZstdBinding;

/**
 * zstd of `bytes` zeros, streamed in 1 MiB pieces. With `declare` the frame header states the
 * size (checked before decoding); without, the size is unknown until the end (only a capped stream stops it).
 */
export function zeroBomb(bytes: number, declare: boolean): Buffer {
  const cctx = new binding.CCtx();
  cctx.setParameter(binding.CParameter.compressionLevel, 1);
  if (declare) cctx.setPledgedSrcSize(bytes);
  const zeros = Buffer.alloc(1 << 20);
  const out: Buffer[] = [];
  const dst = Buffer.allocUnsafe(binding.cStreamOutSize());
  for (let left = bytes; left > 0;) {
    let src: Buffer = zeros.subarray(0, Math.min(zeros.length, left));
    left -= src.length;
    const op = left === 0 ? binding.EndDirective.end : binding.EndDirective.continue;
    for (;;) {
      const [remaining, produced, consumed] = cctx.compressStream2(dst, src, op);
      out.push(Buffer.from(dst.subarray(0, produced)));
      src = src.subarray(consumed);
      if (op === binding.EndDirective.end ? remaining === 0 : src.length === 0) break;
    }
  }
  return Buffer.concat(out);
}
