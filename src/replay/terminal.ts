/**
 * The real terminal behind the player: stdout for the stream, stdin in raw mode for keys, and
 * the terminal restored on every way out (end, q, Ctrl-C, SIGINT/SIGTERM/SIGHUP, a crash): the
 * screen modes the stream changed are undone, and keys still pending are drained so they do not
 * reach the shell.
 */
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { status } from '../cli/output.js';
import { rawOutput } from './output-modes.js';
import type { PlayerIO } from './player.js';
import { ScreenModes } from './screen-modes.js';

export interface RealTerminal {
  io: PlayerIO;
  /** Aborts on a terminating signal or a closed stdout. */
  signal: AbortSignal;
  /** The signal that ended playback, if one did. */
  readonly killedBy: NodeJS.Signals | undefined;
  close(): Promise<void>;
}

const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Input is drained until it has been quiet this long, for at most DRAIN_MAX_MS. */
const DRAIN_QUIET_MS = 40;
const DRAIN_MAX_MS = 300;

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
  // Piped output stays the recorded stream byte for byte; only a terminal gets its modes back.
  const modes = stdout.isTTY ? new ScreenModes() : undefined;
  if (raw) stdin.setRawMode(true);
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    const undo = modes?.restore();
    if (undo) writeSync(1, undo);
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
    write: (data) => {
      modes?.observe(data);
      stdout.write(data);
    },
    sleep: (ms, signal) => sleep(ms, undefined, { signal }),
    now: () => performance.now(),
    keys: raw ? stdin : undefined,
    notice: (message) => {
      // OPOST is off while playing: the line must bring its own carriage return.
      if (stderr.isTTY) status(`${message}\r`);
    },
    size: () => (stdout.isTTY ? { cols: stdout.columns, rows: stdout.rows } : undefined),
  };
  const close = async (): Promise<void> => {
    for (const sig of signals) process.off(sig, onSignal);
    if (raw) await drain(stdin);
    process.off('exit', restore);
    // Writes to a terminal are synchronous in node on POSIX, so the undo cannot overtake the stream.
    restore();
    if (raw) {
      stdin.pause();
      // A paused TTY stream still holds a pending read that keeps the process alive until the next key.
      stdin.unref();
    }
  };
  return { io, signal: ctl.signal, get killedBy() { return killedBy; }, close };
}

/** Reads and discards keys until the terminal has been quiet a moment (raw mode is still on). */
async function drain(stdin: NodeJS.ReadStream): Promise<void> {
  const started = performance.now();
  let last = started;
  const discard = (): void => {
    last = performance.now();
  };
  stdin.on('data', discard);
  try {
    while (performance.now() - last < DRAIN_QUIET_MS && performance.now() - started < DRAIN_MAX_MS) await sleep(10);
  } finally {
    stdin.off('data', discard);
  }
}
