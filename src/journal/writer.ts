/**
 * The append-only journal writer. push() is the hot path: it only stores the event with its clock
 * time. A timer (and a full queue) turns the queue into one block — JSON lines, zstd, framing —
 * and appends it with one write in flight at a time, so blocks land in order.
 */
import type { FileHandle } from 'node:fs/promises';
import { encodeBlock } from './blocks.js';
import { EventEncoder } from './codec.js';
import type { JournalEvent } from './events.js';

export const FLUSH_INTERVAL_MS = 1000;
export const FLUSH_QUEUE_CHARS = 256 * 1024;

export interface WriterOptions {
  /** Milliseconds from any fixed origin (monotonic by default). */
  now: () => number;
  /** Clock reading at session start: event times are measured from it. */
  origin: number;
  /** Called once with the first write error; the writer is a no-op afterwards. */
  onFail: (err: unknown) => void;
  level?: number;
}

type Queued = [clockMs: number, code: string, data: string];

export class JournalWriter {
  private queue: Queued[] = [];
  private queuedChars = 0;
  private fh: FileHandle | null = null;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushSoon = false;
  private failed = false;
  private readonly encoder = new EventEncoder();
  /** Bytes appended to the file so far, and events encoded. */
  bytes = 0;
  events = 0;

  constructor(private readonly opts: WriterOptions) {}

  push(code: string, data: string): void {
    if (this.failed) return;
    this.queue.push([this.opts.now(), code, data]);
    this.queuedChars += data.length;
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
    return this.encoder.lastTime;
  }

  /** Starts writing to an opened file: the header line becomes the first block. */
  attach(fh: FileHandle, headerLine: string): void {
    this.fh = fh;
    this.startWrite(encodeBlock(headerLine, this.opts.level));
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Writes whatever is queued (one block). Resolves when that write, or the one in flight, is done. */
  flush(): Promise<void> {
    if (this.writing || !this.fh || this.failed) return this.writing ?? Promise.resolve();
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    this.queuedChars = 0;
    let block: Buffer;
    try {
      block = encodeBlock(this.encoder.encode(batch.map(this.toEvent)), this.opts.level);
    } catch (err) {
      this.fail(err);
      return Promise.resolve();
    }
    this.events += batch.length;
    return this.startWrite(block);
  }

  /** Resolves once everything queued so far is written (a reader of the file then sees it). */
  async settle(): Promise<void> {
    while (!this.failed && (this.writing || (this.fh && this.queue.length > 0))) await this.flush();
  }

  /** Flushes everything and stops the timer; the file stays open for the caller to close. */
  async drain(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.settle();
  }

  /** Stops recording without writing more (after a failure elsewhere). */
  abandon(): void {
    this.failed = true;
    this.queue = [];
    if (this.timer) clearInterval(this.timer);
  }

  private toEvent = ([ms, code, data]: Queued): JournalEvent => ({ time: (ms - this.opts.origin) / 1000, code, data });

  private startWrite(block: Buffer): Promise<void> {
    const write: Promise<void> = this.append(block).then(() => {
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
