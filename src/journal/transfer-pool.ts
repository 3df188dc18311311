/**
 * Buffers that carry a flood's output to the journal's encoder thread and come back with the
 * block: a flood then reuses a few megabytes instead of faulting in fresh pages for every read
 * (which cost more than compressing it). Small chunks are copied as usual; only large ones are
 * worth a buffer of their own.
 */

const POOLED_MIN = 16 * 1024;
const SIZE = 256 * 1024;
const KEEP = 32;

const spare: ArrayBuffer[] = [];
const lent = new WeakSet<ArrayBufferLike>();

/** A copy of bytes that outlives the caller's buffer; large ones in a pooled buffer of their own. */
export function keepCopy(bytes: Uint8Array): Buffer {
  if (bytes.byteLength < POOLED_MIN || bytes.byteLength > SIZE) return Buffer.from(bytes);
  const buffer = spare.pop() ?? new ArrayBuffer(SIZE);
  lent.add(buffer);
  const copy = Buffer.from(buffer, 0, bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** Whether a buffer came from keepCopy: it holds one chunk only, so it may move to the encoder. */
export function isPooled(buffer: ArrayBufferLike): boolean {
  return lent.has(buffer);
}

/** A pooled buffer back from the encoder, free for the next chunk. */
export function giveBack(buffer: ArrayBuffer): void {
  if (buffer.byteLength === SIZE && spare.length < KEEP) spare.push(buffer);
}
