import pty from 'node-pty';

/** Runs argv inside a fresh pty that plays the user's terminal, and measures what it receives. */
export interface OuterRun {
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  exitCode: number;
}

export function runOuter(argv: string[], opts: { cols?: number; rows?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<OuterRun> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    const t0 = performance.now();
    let first = -1;
    let bytes = 0;
    const term = pty.spawn(file!, args, {
      cols: opts.cols ?? 120,
      rows: opts.rows ?? 40,
      encoding: null,
      env: opts.env ?? process.env,
      cwd: opts.cwd,
    });
    term.onData((d: Buffer | string) => {
      if (first < 0) first = performance.now() - t0;
      bytes += d.length;
    });
    term.onExit(({ exitCode }) => {
      resolve({ bytes, firstByteMs: first, totalMs: performance.now() - t0, exitCode });
    });
  });
}

/** Keystroke echo latency: writes one key at a time and times until it shows on the terminal. */
export async function echoLatency(argv: string[], samples: number, ready: string, cwd?: string): Promise<number[]> {
  const [file, ...args] = argv;
  const term = pty.spawn(file!, args, { cols: 120, rows: 40, encoding: null, env: process.env, cwd });
  let seen = '';
  let waiter: ((v: void) => void) | null = null;
  let want = '';
  term.onData((d: Buffer | string) => {
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
  return out;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
