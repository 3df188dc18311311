/**
 * The append-only journal writer. push() is the hot path: it only stores the event with its clock
 * time. A timer (and a full queue) turns the queue into one block — JSON lines, zstd, framing, on a
 * worker thread when the batch is big — and appends it with one write in flight at a time, so
 * blocks land in order.
 */
import type { FileHandle } from 'node:fs/promises';
import { BlockEncoder, type Batch } from './block-worker.js';
import { toMicros } from './codec.js';

export const FLUSH_INTERVAL_MS = 1000;
export const FLUSH_QUEUE_CHARS = 1024 * 1024;

export interface WriterOptions {
  /** Milliseconds from any fixed origin (monotonic by default). */
  now: () => number;
  /** Clock reading at session start: event times are measured from it. */
  origin: number;
  /** Called once with the first write error; the writer is a no-op afterwards. */
  onFail: (err: unknown) => void;
  level?: number;
}

interface Queue {
  clock: number[];
  codes: string[];
  /** Text, or the body of a JSON string (output from the native relay). */
  data: (string | Uint8Array)[];
}

const emptyQueue = (): Queue => ({ clock: [], codes: [], data: [] });

export class JournalWriter {
  private queue = emptyQueue();
  private queuedChars = 0;
  /** Integer microseconds of the last event handed to the encoder (intervals are differences of these). */
  private lastMicros = 0;
  private readonly blocks = new BlockEncoder();
  private fh: FileHandle | null = null;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushSoon = false;
  private failed = false;
  /** Bytes appended to the file so far, and events encoded. */
  bytes = 0;
  events = 0;

  constructor(private readonly opts: WriterOptions) {}

  push(code: string, data: string | Uint8Array): void {
    if (this.failed) return;
    const q = this.queue;
    q.clock.push(this.opts.now());
    q.codes.push(code);
    q.data.push(data);
    this.queuedChars += typeof data === 'string' ? data.length : data.byteLength;
    if (this.queuedChars >= FLUSH_QUEUE_CHARS && !this.flushSoon) {
      this.flushSoon = true;
      setImmediate(() => {
        this.flushSoon = false;
        void this.flush();
      });
    }
  }

  /** Time (seconds since start) of the last event written. */
  get lastTime(): number {
    return this.lastMicros / 1e6;
  }

  /** Starts writing to an opened file: the header line becomes the first block. Resolves once it is written. */
  attach(fh: FileHandle, headerLine: string): Promise<void> {
    this.fh = fh;
    const header = this.startWrite(this.blocks.encodeText(headerLine, this.opts.level));
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
    return header;
  }

  /** Writes whatever is queued (one block). Resolves when that write, or the one in flight, is done. */
  flush(): Promise<void> {
    if (this.writing || !this.fh || this.failed) return this.writing ?? Promise.resolve();
    if (this.queue.clock.length === 0) return Promise.resolve();
    const batch = this.toBatch(this.queue);
    this.queue = emptyQueue();
    this.queuedChars = 0;
    this.events += batch.times.length;
    return this.startWrite(this.blocks.encode(batch));
  }

  /** Resolves once everything queued so far is written (a reader of the file then sees it). */
  async settle(): Promise<void> {
    while (!this.failed && (this.writing || (this.fh && this.queue.clock.length > 0))) await this.flush();
  }

  /** Flushes everything and stops the timer; the file stays open for the caller to close. */
  async drain(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.settle();
    this.blocks.close();
  }

  /** Stops recording without writing more (after a failure elsewhere). */
  abandon(): void {
    this.failed = true;
    this.queue = emptyQueue();
    if (this.timer) clearInterval(this.timer);
    this.blocks.close();
  }

  /** Clock readings become session times; the encoder's state (the last time) advances here. */
  private toBatch(q: Queue): Batch {
    const prevSeconds = this.lastMicros / 1e6;
    const times = q.clock.map((ms) => (ms - this.opts.origin) / 1000);
    // As EventEncoder does: a clock that steps back gives interval 0, never a time before the last.
    for (const t of times) this.lastMicros = Math.max(this.lastMicros, toMicros(t));
    return { times, codes: q.codes, data: q.data, prevSeconds, ...(this.opts.level !== undefined && { level: this.opts.level }) };
  }

  private startWrite(block: Buffer | Promise<Buffer>): Promise<void> {
    const write: Promise<void> = Promise.resolve(block).then((b) => this.append(b), (err: unknown) => this.fail(err)).then(() => {
      if (this.writing === write) this.writing = null;
      if (this.queuedChars >= FLUSH_QUEUE_CHARS) void this.flush();
    });
    this.writing = write;
    return write;
  }

  private async append(block: Buffer): Promise<void> {
    try {
      let done = 0;
      while (done < block.length) {
        const { bytesWritten } = await this.fh!.write(block, done, block.length - done, null);
        done += bytesWritten;
        this.bytes += bytesWritten;
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    if (this.failed) return;
    this.abandon();
    this.opts.onFail(err);
  }
}
