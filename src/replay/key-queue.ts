import type { EventEmitter } from 'node:events';
import { InputParser } from './input-parser.js';
import type { PlayerCommand } from './keys.js';

/** Keys as a terminal gives them: an async stream of chunks, or an emitter of 'data' chunks. */
export type KeySource = AsyncIterable<string> | EventEmitter;

/**
 * Buffers the commands typed while the player sleeps or waits, and wakes it on each one.
 * The player polls take() between frames and awaits next() while paused.
 */
export class KeyQueue {
  private readonly pending: PlayerCommand[] = [];
  private readonly parser = new InputParser();
  private wake: (() => void) | undefined;
  private stop: (() => void) | undefined;
  /** Called on every key, so the player can cut a running sleep short. */
  onKey: () => void = () => {};

  constructor(source: KeySource | undefined) {
    if (!source) return;
    if (Symbol.asyncIterator in source) this.pump(source);
    else this.listen(source);
  }

  take(): PlayerCommand | undefined {
    return this.pending.shift();
  }

  /** Resolves when a command is waiting (at once if one already is) or the signal aborts. */
  next(signal: AbortSignal): Promise<void> {
    if (this.pending.length > 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  close(): void {
    this.stop?.();
    this.wake?.();
  }

  private push(chunk: string | Buffer): void {
    const commands = this.parser.push(chunk.toString());
    if (commands.length === 0) return;
    this.pending.push(...commands);
    this.wake?.();
    this.onKey();
  }

  private listen(emitter: EventEmitter): void {
    const listener = (chunk: string | Buffer): void => this.push(chunk);
    emitter.on('data', listener);
    this.stop = () => emitter.off('data', listener);
  }

  private pump(source: AsyncIterable<string>): void {
    const it = source[Symbol.asyncIterator]();
    let stopped = false;
    this.stop = () => {
      stopped = true;
      void it.return?.();
    };
    const loop = async (): Promise<void> => {
      while (!stopped) {
        const r = await it.next();
        if (r.done || stopped) return;
        this.push(r.value);
      }
    };
    // A failing key source only costs the keys; playback goes on.
    loop().catch(() => {});
  }
}
