import { KeyQueue, type KeySource } from './key-queue.js';
import type { PlayerCommand } from './keys.js';
import { nextMarker, stepEnd } from './seek.js';
import type { TermSize } from '../journal/events.js';
import { parseSize, sizeWarning } from './size.js';
import type { Frame } from './timeline.js';

/** The outside world of the player; tests pass a fake clock, a string sink and scripted keys. */
export interface PlayerIO {
  /** The played stream: only recorded output, byte for byte. */
  write(data: string): void;
  /** Waits ms, or less when signal aborts (resolving or rejecting, both are fine). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Milliseconds on any monotonic clock. */
  now(): number;
  keys?: KeySource;
  /** Status for the person watching (stderr on a TTY), never mixed into the played stream. */
  notice?(message: string): void;
  /** The current terminal size, read at the start and at every recorded resize. */
  size?(): TermSize | undefined;
}

export interface PlayOptions {
  /** The size the recording starts at (from its header). */
  recorded: TermSize;
  /** Write everything at once, no timing and no keys. */
  instant?: boolean;
  /** Aborting ends playback at once (SIGINT, SIGTERM). */
  signal?: AbortSignal;
}

export type PlayOutcome = 'done' | 'quit' | 'aborted';

const minRate = 1 / 16;
const maxRate = 64;
// Output is written in batches; a bound keeps --instant of a long session from building one huge string.
const maxBatch = 1 << 20;

export function play(frames: readonly Frame[], io: PlayerIO, opts: PlayOptions): Promise<PlayOutcome> {
  return new Player(frames, io, opts).run();
}

class Player {
  private index = 0;
  private paused = false;
  /** Multiplies the timeline's own speed; changed by + and -. */
  private rate = 1;
  /** The timeline position (seconds) that was current at wall time anchorWall (ms). */
  private anchorTime = 0;
  private anchorWall = 0;
  private sleeper: AbortController | undefined;
  private lastWarning: string | undefined;
  private readonly signal: AbortSignal;

  constructor(
    private readonly frames: readonly Frame[],
    private readonly io: PlayerIO,
    private readonly opts: PlayOptions,
  ) {
    this.signal = opts.signal ?? new AbortController().signal;
  }

  async run(): Promise<PlayOutcome> {
    this.checkSize(this.opts.recorded);
    if (this.opts.instant) {
      this.applyUpTo(this.frames.length);
      return 'done';
    }
    const keys = new KeyQueue(this.io.keys);
    const interrupt = (): void => this.sleeper?.abort();
    keys.onKey = interrupt;
    this.signal.addEventListener('abort', interrupt);
    try {
      return await this.loop(keys);
    } finally {
      keys.close();
      this.signal.removeEventListener('abort', interrupt);
    }
  }

  private async loop(keys: KeyQueue): Promise<PlayOutcome> {
    this.anchor(0);
    while (this.index < this.frames.length) {
      if (this.signal.aborted) return 'aborted';
      const command = keys.take();
      if (command === 'quit') return 'quit';
      if (command) this.handle(command);
      else if (this.paused) await keys.next(this.signal);
      else await this.advance();
    }
    return 'done';
  }

  /** Sleeps until the next frame is due, or writes every frame that is due now. */
  private async advance(): Promise<void> {
    const now = this.io.now();
    const wait = this.dueAt(this.index) - now;
    if (wait > 0) return this.sleep(wait);
    let end = this.index + 1;
    while (end < this.frames.length && this.dueAt(end) <= now) end++;
    this.applyUpTo(end);
  }

  private handle(command: Exclude<PlayerCommand, 'quit'>): void {
    if (command === 'toggle') return this.toggle();
    if (command === 'step') return this.step();
    if (command === 'marker') return this.jumpToMarker();
    const position = this.position();
    const factor = command === 'faster' ? 2 : 0.5;
    this.rate = Math.min(maxRate, Math.max(minRate, this.rate * factor));
    this.anchor(position);
  }

  private toggle(): void {
    this.anchor(this.position());
    this.paused = !this.paused;
  }

  // Stepping is for a paused player, as in asciinema; while playing '.' does nothing.
  private step(): void {
    if (!this.paused || this.index >= this.frames.length) return;
    const end = stepEnd(this.frames, this.index);
    this.applyUpTo(end);
    this.anchor(this.frames[end - 1]?.time ?? this.anchorTime);
  }

  // Like asciinema's ']': write everything up to the next marker and hold there, paused.
  private jumpToMarker(): void {
    const marker = nextMarker(this.frames, this.index);
    if (marker === undefined) return;
    this.applyUpTo(marker + 1);
    this.anchor(this.frames[marker]?.time ?? this.anchorTime);
    this.paused = true;
  }

  private position(): number {
    if (this.paused) return this.anchorTime;
    const elapsed = ((this.io.now() - this.anchorWall) * this.rate) / 1000;
    const next = this.frames[this.index]?.time ?? Infinity;
    return Math.min(next, this.anchorTime + elapsed);
  }

  private anchor(time: number): void {
    this.anchorTime = time;
    this.anchorWall = this.io.now();
  }

  private dueAt(index: number): number {
    const time = this.frames[index]?.time ?? this.anchorTime;
    return this.anchorWall + ((time - this.anchorTime) * 1000) / this.rate;
  }

  private async sleep(ms: number): Promise<void> {
    const ctl = new AbortController();
    this.sleeper = ctl;
    try {
      await this.io.sleep(ms, ctl.signal);
    } catch (err) {
      if (!ctl.signal.aborted) throw err;
    } finally {
      this.sleeper = undefined;
    }
  }

  /** Applies frames up to `end` (exclusive): output is batched, resizes are checked in order. */
  private applyUpTo(end: number): void {
    let out = '';
    for (; this.index < end; this.index++) {
      const frame = this.frames[this.index];
      if (frame?.code === 'o') out += frame.data;
      if (frame?.code === 'r' || out.length >= maxBatch) {
        if (out) this.io.write(out);
        out = '';
      }
      if (frame?.code === 'r') this.checkSize(parseSize(frame.data));
    }
    if (out) this.io.write(out);
  }

  private checkSize(recorded: TermSize | undefined): void {
    if (!recorded) return;
    const warning = sizeWarning(recorded, this.io.size?.());
    if (warning && warning !== this.lastWarning) this.io.notice?.(warning);
    this.lastWarning = warning;
  }
}
