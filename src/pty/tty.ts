/**
 * The user's terminal as the shim sees it: size, raw mode, input, resize, output. userTerminal()
 * wraps the process's stdio; headlessTerminal() is a fixed-size stand-in for tests.
 */
import { stty as runStty } from '../os/stty.js';

export interface Size {
  cols: number;
  rows: number;
}

export interface Terminal {
  size(): Size;
  /** Raw mode: keys unprocessed and unechoed, output not post-processed. Idempotent. */
  enterRaw(): void;
  /** Back to the modes found at enterRaw; settles once the terminal is in them. */
  restore(): Promise<void>;
  /** Starts reading keys; chunks are raw bytes. */
  onInput(listener: (chunk: Buffer) => void): void;
  onResize(listener: (size: Size) => void): void;
  write(chunk: Buffer): void;
  /** The terminal's output fd, for a writer outside node (the native relay); absent when headless. */
  readonly fd?: number;
  /** Stops reading and drops the listeners so the process can exit. */
  close(): void;
}

const FALLBACK: Size = { cols: 80, rows: 24 };

export function userTerminal(stdin: NodeJS.ReadStream = process.stdin,
  stdout: NodeJS.WriteStream = process.stdout): Terminal {
  let raw = false;
  let stty: Promise<void> = Promise.resolve();
  let input: ((chunk: Buffer) => void) | undefined;
  let resize: (() => void) | undefined;
  let held: Buffer[] | undefined;
  const release = (): void => {
    const chunks = held ?? [];
    held = undefined;
    for (const chunk of chunks) stdout.write(chunk);
  };
  // After a hangup the terminal is gone; writing must not crash the recorder.
  stdout.on('error', () => {});
  const size = (): Size => {
    const [cols, rows] = stdout.isTTY ? stdout.getWindowSize() : [0, 0];
    return cols > 0 && rows > 0 ? { cols, rows } : { ...FALLBACK };
  };
  return {
    fd: stdout.isTTY ? (stdout as { fd?: number }).fd : undefined,
    size,
    enterRaw() {
      // run enters raw mode early (stty then overlaps start-up); the shim's call must not hold output again.
      if (raw) return;
      stdin.setRawMode(true);
      raw = true;
      // libuv's raw mode keeps OPOST/ONLCR: a TUI's bare "\n" would gain a "\r". Finish the job
      // the way cfmakeraw (and script(1)) does, in parallel with the agent's start; output waits
      // for it (a few ms) so no byte is post-processed.
      held ??= [];
      stty = stty.then(() => runStty(0, ['-opost', '-inlcr', '-igncr'])).then(() => release());
    },
    async restore() {
      await stty;
      if (raw) stdin.setRawMode(false);
      raw = false;
    },
    onInput(listener) {
      input = listener;
      stdin.on('data', listener);
      stdin.resume();
    },
    onResize(listener) {
      resize = () => listener(size());
      stdout.on('resize', resize);
    },
    write(chunk) {
      if (held) held.push(chunk);
      else stdout.write(chunk);
    },
    close() {
      if (input) stdin.off('data', input);
      if (resize) stdout.off('resize', resize);
      stdin.pause();
    },
  };
}

export interface HeadlessTerminal extends Terminal {
  /** The user typing. */
  type(data: string | Buffer): void;
  /** The user resizing the window. */
  resizeTo(cols: number, rows: number): void;
  /** Everything written to the terminal so far. */
  output(): Buffer;
  readonly isRaw: boolean;
  readonly isReading: boolean;
}

export function headlessTerminal(initial: Size = FALLBACK): HeadlessTerminal {
  let current = { ...initial };
  const chunks: Buffer[] = [];
  let input: ((chunk: Buffer) => void) | undefined;
  let resize: ((size: Size) => void) | undefined;
  const term = {
    isRaw: false,
    isReading: false,
    size: () => ({ ...current }),
    enterRaw() { term.isRaw = true; },
    async restore() { term.isRaw = false; },
    onInput(listener: (chunk: Buffer) => void) { input = listener; term.isReading = true; },
    onResize(listener: (size: Size) => void) { resize = listener; },
    write(chunk: Buffer) { chunks.push(Buffer.from(chunk)); },
    close() { input = undefined; resize = undefined; term.isReading = false; },
    type(data: string | Buffer) { input?.(typeof data === 'string' ? Buffer.from(data) : data); },
    resizeTo(cols: number, rows: number) {
      current = { cols, rows };
      resize?.({ ...current });
    },
    output: () => Buffer.concat(chunks),
  };
  return term;
}
