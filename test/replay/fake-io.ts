import { EventEmitter } from 'node:events';
import type { PlayerIO } from '../../src/replay/player.js';
import type { TermSize } from '../../src/journal/events.js';

/**
 * A headless terminal with a fake clock: sleeping advances time instantly, a scripted key can
 * arrive part-way through a sleep, and every write and notice is logged with its fake time.
 */
export class FakeTerminal {
  t = 0;
  readonly log: { at: number; write?: string; notice?: string }[] = [];
  readonly sleeps: number[] = [];
  readonly keys = new EventEmitter();
  /** Keys to press during the next sleeps, one entry per sleep, `after` ms into it. */
  readonly duringSleep: { after: number; keys: string }[] = [];
  onWrite: (data: string) => void = () => {};

  constructor(private readonly size?: TermSize) {}

  press(keys: string): void {
    this.keys.emit('data', keys);
  }

  /** Lets time pass (the person watching waits), then presses keys, after the player settles. */
  later(ms: number, keys: string): void {
    setImmediate(() => {
      this.t += ms;
      this.press(keys);
    });
  }

  get writes(): { at: number; data: string }[] {
    return this.log.flatMap((e) => (e.write === undefined ? [] : [{ at: e.at, data: e.write }]));
  }

  io(): PlayerIO {
    return {
      write: (data) => {
        this.log.push({ at: this.t, write: data });
        this.onWrite(data);
      },
      sleep: async (ms, signal) => {
        this.sleeps.push(ms);
        const hook = this.duringSleep.shift();
        if (hook && hook.after < ms) {
          this.t += hook.after;
          this.press(hook.keys);
          if (signal.aborted) return;
          ms -= hook.after;
        }
        this.t += ms;
      },
      now: () => this.t,
      keys: this.keys,
      notice: (message) => this.log.push({ at: this.t, notice: message }),
      size: () => this.size,
    };
  }
}
