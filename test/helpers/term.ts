/**
 * An "outer terminal" for e2e tests: runs a program (usually the built CLI) inside a real pty so the
 * test plays the user's terminal: type keys, resize, read the screen bytes, wait for text, get the
 * exit status. Uses aisess's own drain-safe spawn so the harness never loses the tail itself.
 */
import { tmpdir } from 'node:os';
import type { ExitStatus } from '../../src/journal/events.js';
import { spawnPty } from '../../src/pty/spawn.js';
import { cliEntry } from './cli.js';

export interface TermOptions {
  cols?: number;
  rows?: number;
  /** Added to (or, with undefined values, removed from) the test's own environment. */
  env?: Record<string, string | undefined>;
  /** Defaults to the system temp dir: never the checkout, where aisess would install its hooks. */
  cwd?: string;
}

export interface OuterTerminal {
  readonly pid: number;
  /** The slave side (e.g. /dev/pts/7): `stty -F` it to inspect the modes the program left. */
  readonly ptsName: string;
  write(keys: string | Buffer): void;
  resize(cols: number, rows: number): void;
  /** Signals the program running in the terminal. */
  kill(signal: NodeJS.Signals): void;
  output(): string;
  outputBuffer(): Buffer;
  /** Current output length: pass it as `after` to wait for text that comes later. */
  mark(): number;
  /** Resolves with the output once pattern shows up after byte offset `after`. */
  waitFor(pattern: string | RegExp, opts?: { after?: number; timeoutMs?: number }): Promise<string>;
  readonly exited: Promise<ExitStatus>;
  /** Kills the program if it still runs and waits for it. */
  dispose(): Promise<void>;
}

/** A test environment free of the caller's own aisess session and terminal quirks. */
export function testEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', AISESS_SESSION: undefined };
  for (const [k, v] of Object.entries(extra)) env[k] = v;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env;
}

export function runInTerminal(file: string, args: string[], opts: TermOptions = {}): OuterTerminal {
  const pty = spawnPty({
    file, args, env: testEnv(opts.env), cwd: opts.cwd ?? tmpdir(), cols: opts.cols ?? 80, rows: opts.rows ?? 24,
  });
  const chunks: Buffer[] = [];
  let length = 0;
  const waiters = new Set<() => void>();
  // Waiters look at the whole output: once per 10 ms, not once per chunk, or a session streamed in
  // thousands of small chunks costs the test quadratic time.
  let wake: NodeJS.Timeout | undefined;
  const wakeWaiters = (): void => {
    wake = undefined;
    for (const w of waiters) w();
  };
  pty.onData((chunk) => {
    chunks.push(chunk);
    length += chunk.length;
    if (waiters.size > 0) wake ??= setTimeout(wakeWaiters, 10);
  });
  let done = false;
  const exited = pty.exited.then((status) => {
    done = true;
    clearTimeout(wake);
    wakeWaiters();
    return status;
  });
  const outputBuffer = (): Buffer => {
    if (chunks.length > 1) chunks.splice(0, chunks.length, Buffer.concat(chunks));
    return chunks[0] ?? Buffer.alloc(0);
  };
  const waitFor: OuterTerminal['waitFor'] = (pattern, { after = 0, timeoutMs = 20_000 } = {}) =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const text = outputBuffer().subarray(after).toString('utf8');
        const hit = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
        if (hit || done) {
          waiters.delete(check);
          clearTimeout(timer);
          if (hit) resolve(outputBuffer().toString('utf8'));
          else reject(new Error(`exited before ${String(pattern)} showed up; output:\n${JSON.stringify(text)}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        const text = outputBuffer().subarray(after).toString('utf8');
        reject(new Error(`timed out waiting for ${String(pattern)}; output:\n${JSON.stringify(text)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    pid: pty.pid,
    ptsName: pty.ptsName,
    write: (keys) => pty.write(keys),
    resize: (cols, rows) => pty.resize(cols, rows),
    kill: (signal) => pty.kill(signal),
    output: () => outputBuffer().toString('utf8'),
    outputBuffer,
    mark: () => length,
    waitFor,
    exited,
    async dispose() {
      if (!done) pty.kill('SIGKILL');
      await exited;
    },
  };
}

/** The built CLI (`node dist/main.js …args`) as the program in the terminal. */
export function cliInTerminal(args: string[], opts: TermOptions = {}): OuterTerminal {
  return runInTerminal(process.execPath, [cliEntry(), ...args], opts);
}
