/**
 * The real terminal behind the player: stdout for the stream, stdin in raw mode for keys, and
 * the terminal restored on every way out (end, q, Ctrl-C, SIGINT/SIGTERM/SIGHUP, a crash).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { status } from '../cli/output.js';
import { rawOutput } from './output-modes.js';
import type { PlayerIO } from './player.js';

export interface RealTerminal {
  io: PlayerIO;
  /** Aborts on a terminating signal or a closed stdout. */
  signal: AbortSignal;
  /** The signal that ended playback, if one did. */
  readonly killedBy: NodeJS.Signals | undefined;
  close(): void;
}

const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function openTerminal(opts: { keys: boolean }): RealTerminal {
  const { stdin, stdout, stderr } = process;
  const ctl = new AbortController();
  let killedBy: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    killedBy ??= sig;
    ctl.abort();
  };
  // A reader that goes away (`| head`) ends playback instead of crashing on EPIPE; the listener
  // stays after close because buffered output can still fail on the way out.
  const onStdoutError = (): void => ctl.abort();
  const raw = opts.keys && stdin.isTTY === true;
  // Output modes are saved before raw mode changes them: restoring must bring back the originals.
  const restoreOutput = stdout.isTTY ? rawOutput(1) : () => {};
  if (raw) stdin.setRawMode(true);
  const restore = (): void => {
    if (raw && stdin.isTTY) stdin.setRawMode(false);
    restoreOutput();
  };
  for (const sig of signals) process.on(sig, onSignal);
  stdout.on('error', onStdoutError);
  process.on('exit', restore);
  if (raw) {
    stdin.setEncoding('utf8');
    stdin.resume();
  }
  const io: PlayerIO = {
    write: (data) => void stdout.write(data),
    sleep: (ms, signal) => sleep(ms, undefined, { signal }),
    now: () => performance.now(),
    keys: raw ? stdin : undefined,
    notice: (message) => {
      // OPOST is off while playing: the line must bring its own carriage return.
      if (stderr.isTTY) status(`${message}\r`);
    },
    size: () => (stdout.isTTY ? { cols: stdout.columns, rows: stdout.rows } : undefined),
  };
  const close = (): void => {
    for (const sig of signals) process.off(sig, onSignal);
    process.off('exit', restore);
    restore();
    if (raw) {
      stdin.pause();
      // A paused TTY stream still holds a pending read that keeps the process alive until the next key.
      stdin.unref();
    }
  };
  return { io, signal: ctl.signal, get killedBy() { return killedBy; }, close };
}
