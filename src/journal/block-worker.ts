/**
 * Encodes journal blocks (JSON lines, UTF-8, zstd) on a worker thread, so the flush of a flood
 * (tens of MB a second) never stalls the pass-through loop, and zstd-napi (15-30 ms to load) never
 * loads on it. Batches are self-contained (each carries the previous event's time), so any batch can
 * be encoded anywhere: when the worker cannot run, they are encoded on the calling thread.
 *
 * A session's first STORED_BYTES are written uncompressed, in place (block-frame.ts): starting the
 * thread costs 35-50 ms of CPU, most of a short session's (`codex exec`, a quick command), and
 * storing a few KB costs next to nothing.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { storedBlock } from './block-frame.js';
import { EventEncoder, type EncodableEvent } from './codec.js';
import { giveBack, isPooled } from './transfer-pool.js';
import type { JournalEvent } from './events.js';

export interface Batch {
  /** Absolute event times, seconds since the session started. */
  times: number[];
  codes: string[];
  /** Text, or the body of a JSON string (see JournalSink.outputJsonText). */
  data: (string | Uint8Array)[];
  /** Absolute time of the event before this batch (as the file's reader will sum it). */
  prevSeconds: number;
  level?: number;
  /** Pooled buffers moving with the batch, to come back with its block (transfer-pool.ts). */
  returns?: ArrayBuffer[];
}

/** JSON-line bytes a session writes uncompressed before the worker starts (a few seconds of a busy TUI). */
export const STORED_BYTES = 128 * 1024;

/** workerData that makes this module serve batches when it is loaded as a worker. */
export const WORKER_ROLE = 'aisess-journal-block-encoder';
/** Set in the CLI bundle (tsup.config.ts): the worker's own bundle, beside it. */
declare const __aisessBlockWorker: string | undefined;
/** Elsewhere this module itself is the worker's entry (tests running the .ts sources pass their own). */
export const startWorker = (): Worker =>
  new Worker(new URL(typeof __aisessBlockWorker === 'string' ? __aisessBlockWorker : import.meta.url, import.meta.url), { workerData: WORKER_ROLE });

// Loaded where the first block is encoded: on the worker, unless it cannot run.
let blocksModule: Promise<typeof import('./blocks.js')> | undefined;
const blocks = () => (blocksModule ??= import('./blocks.js'));

/** One block holding `text` (the header line, say). */
export async function encodeText(text: string, level?: number): Promise<Buffer> {
  return (await blocks()).encodeBlock(text, level);
}

// The lines of a batch with bytes in it are built here, then compressed at once: no await between.
let lines = Buffer.alloc(0);
const reuseLines = (size: number): Buffer =>
  lines.length >= size ? lines : (lines = Buffer.allocUnsafeSlow(Math.max(size, 2 * lines.length)));

/** The batch's JSON lines; bytes in the shared buffer, valid until the next call. */
function batchLines(batch: Batch): string | Buffer {
  const events: EncodableEvent[] = batch.times.map((time, i) => ({ time, code: batch.codes[i]!, data: batch.data[i]! }));
  const encoder = new EventEncoder(batch.prevSeconds);
  return events.every((e) => typeof e.data === 'string')
    ? encoder.encode(events as JournalEvent[]) : encoder.encodeBytes(events, reuseLines);
}

export async function encodeBatch(batch: Batch): Promise<Buffer> {
  const { encodeBlock } = await blocks();
  return encodeBlock(batchLines(batch), batch.level);
}

/** About what the job's lines take in UTF-8 (JSON escapes aside): enough to tell a small job. */
function jobSize(job: Job): number {
  if ('text' in job) return job.text.length * 3;
  let size = 0;
  for (const d of job.data) size += typeof d === 'string' ? d.length * 3 : d.byteLength;
  return size;
}

type Job = Batch | { text: string; level?: number };
/** A job the worker could not encode comes back with the error, its moved chunks with it. */
type Reply = { block: Uint8Array; returns?: ArrayBuffer[] } | { error: string; job?: Job };

function encodeJob(job: Job): Promise<Buffer> {
  return 'text' in job ? encodeText(job.text, job.level) : encodeBatch(job);
}

/**
 * The job as posted. A batch's byte chunks move to the worker instead of being cloned twice (out
 * of this thread and into the worker's): a chunk alone in its buffer (a pooled copy, a socket
 * read) moves as it is, the others are first copied into one buffer of their own. Pooled buffers
 * come back with the block. A moved chunk is gone from this thread, so the worker hands the job
 * back if it cannot encode it.
 */
function packed(job: Job): { message: Job; transfer: ArrayBuffer[] } {
  if ('text' in job) return { message: job, transfer: [] };
  const moving = new Set<ArrayBufferLike>();
  const alone = (d: Uint8Array) => isPooled(d.buffer) || (d.byteOffset === 0 && d.byteLength === d.buffer.byteLength);
  let copied = 0;
  for (const d of job.data) {
    if (typeof d === 'string') continue;
    if (alone(d) && !moving.has(d.buffer)) moving.add(d.buffer);
    else copied += d.byteLength;
  }
  const returns = [...moving].filter(isPooled) as ArrayBuffer[];
  if (returns.length) job = { ...job, returns };
  if (copied === 0) return { message: job, transfer: [...moving] as ArrayBuffer[] };
  const copies = Buffer.allocUnsafeSlow(copied);
  let at = 0;
  const data = job.data.map((d) => {
    if (typeof d === 'string' || moving.has(d.buffer)) return d;
    copies.set(d, at);
    at += d.byteLength;
    return copies.subarray(at - d.byteLength, at);
  });
  return { message: { ...job, data }, transfer: [...moving, copies.buffer] as ArrayBuffer[] };
}

export class BlockEncoder {
  /** undefined: not started yet; null: unavailable (failed to start or died), encode in place. */
  private worker: Worker | null | undefined;
  /** Replies come back in the order the jobs were posted. */
  private readonly waiting: ((reply: Reply) => void)[] = [];
  /** Blocks the worker encoded (the rest were encoded in place). */
  byWorker = 0;
  /** Bytes written uncompressed so far; past storedBytes the worker takes over for good. */
  private stored = 0;
  private compressing = false;

  constructor(private readonly spawn: () => Worker = startWorker, private readonly storedBytes = STORED_BYTES) {}

  /** The block for a batch. Rejects only if encoding throws. */
  encode(batch: Batch): Promise<Buffer> {
    return this.run(batch);
  }

  /** One block holding `text` (the header line). */
  encodeText(text: string, level?: number): Promise<Buffer> {
    return this.run(level === undefined ? { text } : { text, level });
  }

  close(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }

  private async run(job: Job): Promise<Buffer> {
    if (!this.compressing && this.stored + jobSize(job) <= this.storedBytes) {
      const lines = 'text' in job ? job.text : batchLines(job);
      const bytes = typeof lines === 'string' ? Buffer.from(lines, 'utf8') : lines;
      this.stored += bytes.length;
      return storedBlock(bytes);
    }
    // Compressed from here on, even a small job after a large one: the session is a busy one.
    this.compressing = true;
    const worker = this.start();
    if (!worker) return encodeJob(job);
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting.push(resolve);
      worker.ref();
      const { message, transfer } = packed(job);
      worker.postMessage(message, transfer);
    });
    if ('block' in reply) {
      for (const buffer of reply.returns ?? []) giveBack(buffer);
      this.byWorker++;
      return Buffer.from(reply.block.buffer, reply.block.byteOffset, reply.block.byteLength);
    }
    // The worker failed this job (it came back) or died under it: encode it in place.
    return encodeJob(('job' in reply && reply.job) || job);
  }

  private start(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      const worker = this.spawn();
      worker.unref();
      worker.on('message', (reply: Reply) => this.settle(reply));
      worker.on('error', (err) => this.abandon(err));
      worker.on('exit', () => this.abandon(new Error('journal encoder exited')));
      this.worker = worker;
    } catch {
      this.worker = null;
    }
    return this.worker;
  }

  private settle(reply: Reply): void {
    // Idle, the worker must not keep aisess alive after the agent exited.
    if (this.waiting.length <= 1) this.worker?.unref();
    this.waiting.shift()?.(reply);
  }

  private abandon(err: Error): void {
    this.worker = null;
    for (const resolve of this.waiting.splice(0)) resolve({ error: err.message });
  }
}

function serve(): void {
  parentPort?.on('message', async (job: Job) => {
    let reply: Reply;
    const transfer: ArrayBuffer[] = [];
    try {
      const block = await encodeJob(job);
      const returns = 'text' in job ? undefined : job.returns;
      reply = { block, ...(returns && { returns }) };
      transfer.push(...(returns ?? []));
      // Pooled small buffers share an ArrayBuffer with others: only a buffer of its own can move.
      if (block.byteOffset === 0 && block.byteLength === block.buffer.byteLength) transfer.push(block.buffer as ArrayBuffer);
    } catch (err) {
      reply = { error: err instanceof Error ? err.message : String(err), job };
      // Every buffer of the job came here moved or cloned: all of them are this thread's to send back.
      if (!('text' in job)) transfer.push(...new Set(job.data.flatMap((d) => (typeof d === 'string' ? [] : [d.buffer as ArrayBuffer]))));
    }
    parentPort?.postMessage(reply, transfer);
  });
}

if (!isMainThread && workerData === WORKER_ROLE) serve();
