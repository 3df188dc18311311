import { execFileSync, spawn } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { spawnPty, type PtyProcess } from '../../src/pty/spawn.js';

/** Runs argv inside a fresh pty that plays the user's terminal, and measures what it receives. */
export interface OuterRun {
  bytes: number;
  firstByteMs: number;
  /** When the last byte arrived: a command's throughput is bytes / (last - first). */
  lastByteMs: number;
  totalMs: number;
}

// aisess's own spawn: it drains the pty to the last byte (node-pty #72), so no variant is short-changed.
function spawnOuter(argv: string[], cwd: string | undefined): PtyProcess {
  const [name, ...args] = argv;
  const file = isAbsolute(name!) ? name! : execFileSync('sh', ['-c', `command -v "$1"`, 'sh', name!], { encoding: 'utf8' }).trim();
  return spawnPty({ file, args, env: process.env, cwd: cwd ?? process.cwd(), cols: 120, rows: 40 });
}

/** Counts what a terminal receives and when its first and last bytes came. */
function byteClock(): { seen: (chunk: Uint8Array) => void; result: () => OuterRun } {
  const t0 = performance.now();
  let first = -1;
  let last = -1;
  let bytes = 0;
  return {
    seen: (chunk) => {
      last = performance.now() - t0;
      if (first < 0) first = last;
      bytes += chunk.length;
    },
    result: () => ({ bytes, firstByteMs: first, lastByteMs: last, totalMs: performance.now() - t0 }),
  };
}

export async function runOuter(argv: string[], opts: { cwd?: string } = {}): Promise<OuterRun> {
  const clock = byteClock();
  const term = spawnOuter(argv, opts.cwd);
  term.onData(clock.seen);
  await term.exited;
  return clock.result();
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/** As runOuter, with script(1) as the terminal: it reads the pty in C and writes to a pipe read here in 64 KB chunks. */
export function runLight(argv: string[], opts: { cwd?: string } = {}): Promise<OuterRun> {
  return new Promise((resolve) => {
    const clock = byteClock();
    const child = spawn('script', ['-q', '-c', argv.map(quote).join(' '), '/dev/null'], { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdout.on('data', clock.seen);
    child.on('close', () => resolve(clock.result()));
  });
}

/** Keystroke echo latency: writes one key at a time and times until it shows on the terminal. */
export async function echoLatency(argv: string[], samples: number, ready: string, cwd?: string): Promise<number[]> {
  const term = spawnOuter(argv, cwd);
  let seen = '';
  let want = '';
  let waiter: (() => void) | null = null;
  term.onData((d) => {
    seen += d.toString();
    if (waiter && seen.includes(want)) {
      const w = waiter;
      waiter = null;
      w();
    }
  });
  const waitFor = (text: string) =>
    new Promise<void>((resolve) => {
      want = text;
      if (seen.includes(text)) resolve();
      else waiter = resolve;
    });
  await waitFor(ready);
  // Steady state: start-up is measured on its own, and nobody types in the first second.
  await new Promise((r) => setTimeout(r, 1000));
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    seen = '';
    const t0 = performance.now();
    const echoed = waitFor(key);
    term.write(key);
    await echoed;
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  term.kill('SIGKILL');
  await term.exited;
  return out;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
