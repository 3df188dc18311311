/**
 * Encodes journal blocks (JSON lines, UTF-8, zstd) on a worker thread, so the flush of a flood
 * (tens of MB a second) never stalls the pass-through loop. Batches are self-contained (each
 * carries the previous event's time), so any batch can be encoded anywhere; small ones, and every
 * one when the worker cannot run, are encoded on the calling thread.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { EventEncoder } from './codec.js';
import type { JournalEvent } from './events.js';

export interface Batch {
  /** Absolute event times, seconds since the session started. */
  times: number[];
  codes: string[];
  data: string[];
  /** Absolute time of the event before this batch (as the file's reader will sum it). */
  prevSeconds: number;
  level?: number;
}

/** Below this many characters a batch is encoded in place: a round trip to the worker costs more. */
export const WORKER_MIN_CHARS = 32 * 1024;
/** workerData that makes this module serve batches when it is loaded as a worker. */
export const WORKER_ROLE = 'aisess-journal-block-encoder';
/** The built module itself is the worker's entry (tests running the .ts sources pass their own). */
export const startWorker = (): Worker => new Worker(new URL(import.meta.url), { workerData: WORKER_ROLE });

// zstd-napi takes 15-30 ms to load: not before the agent is spawned, only when the first block is due.
let blocksModule: Promise<typeof import('./blocks.js')> | undefined;
const blocks = () => (blocksModule ??= import('./blocks.js'));

/** One block holding `text` (the header line, say). */
export async function encodeText(text: string, level?: number): Promise<Buffer> {
  return (await blocks()).encodeBlock(text, level);
}

export async function encodeBatch(batch: Batch): Promise<Buffer> {
  const events: JournalEvent[] = batch.times.map((time, i) => ({ time, code: batch.codes[i]!, data: batch.data[i]! }));
  return encodeText(new EventEncoder(batch.prevSeconds).encode(events), batch.level);
}

type Reply = { block: Uint8Array } | { error: string };

export class BlockEncoder {
  /** undefined: not started yet; null: unavailable (failed to start or died), encode in place. */
  private worker: Worker | null | undefined;
  private job: { resolve: (reply: Reply) => void } | null = null;
  /** Blocks the worker encoded (the rest were encoded in place). */
  byWorker = 0;

  constructor(private readonly spawn: () => Worker = startWorker) {}

  /** The block for a batch, from the worker when it is worth it. Rejects only if encoding throws. */
  async encode(batch: Batch, chars: number): Promise<Buffer> {
    const worker = chars >= WORKER_MIN_CHARS ? this.start() : null;
    if (!worker) return encodeBatch(batch);
    const reply = await new Promise<Reply>((resolve) => {
      this.job = { resolve };
      worker.ref();
      worker.postMessage(batch);
    });
    if ('block' in reply) {
      this.byWorker++;
      return Buffer.from(reply.block.buffer, reply.block.byteOffset, reply.block.byteLength);
    }
    // The worker died under this batch: the batch is still here, encode it in place.
    return encodeBatch(batch);
  }

  close(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
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
    const job = this.job;
    this.job = null;
    // Idle, the worker must not keep aisess alive after the agent exited.
    this.worker?.unref();
    job?.resolve(reply);
  }

  private abandon(err: Error): void {
    this.worker = null;
    this.settle({ error: err.message });
  }
}

function serve(): void {
  parentPort?.on('message', async (batch: Batch) => {
    let reply: Reply;
    const transfer: ArrayBuffer[] = [];
    try {
      const block = await encodeBatch(batch);
      reply = { block };
      // Pooled small buffers share an ArrayBuffer with others: only a buffer of its own can move.
      if (block.byteOffset === 0 && block.byteLength === block.buffer.byteLength) transfer.push(block.buffer as ArrayBuffer);
    } catch (err) {
      reply = { error: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply, transfer);
  });
}

if (!isMainThread && workerData === WORKER_ROLE) serve();
