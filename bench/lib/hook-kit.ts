/** Helpers of bench/hook.ts: timed commits, waiting for the detached binders, watching the notes ref. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isWarmRequest, warmDir } from '../../src/bind/warm.js';

const nap = new Int32Array(new SharedArrayBuffer(4));
/** Sleeps without forking or spinning (the binder being waited for needs the CPU). */
export const sleepSync = (ms: number): void => void Atomics.wait(nap, 0, 0, ms);

export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.ceil(at)]! - s[lo]!) * (at - lo);
}
export const median = (v: readonly number[]): number => quantile(v, 0.5);
export const p90 = (v: readonly number[]): number => quantile(v, 0.9);

/** Runs git and throws on failure; returns stdout. */
export function run(cwd: string, env: NodeJS.ProcessEnv, args: string[]): string {
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Milliseconds `git -c core.hooksPath=<hooks> commit …` takes, as the user waits for it. */
export function timeCommit(cwd: string, env: NodeJS.ProcessEnv, hooks: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync('git', ['-c', `core.hooksPath=${hooks}`, 'commit', '-q', ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`git commit ${args.join(' ')}: ${r.stderr}`);
  return ms;
}

/** 'zombie': exited, not yet reaped by its parent (an orphan waits for init; kill -0 still finds it). */
export function procState(pid: number): 'alive' | 'zombie' | 'gone' {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z') ? 'zombie' : 'alive';
  } catch {
    if (existsSync('/proc/self/stat')) return 'gone';
    try {
      process.kill(pid, 0);
      return 'alive';
    } catch {
      return 'gone';
    }
  }
}

/** Pids of the `binding.<pid>` markers the hooks leave in the store. */
const markers = (storeDir: string): number[] =>
  readdirSync(storeDir).flatMap((n) => (n.startsWith('binding.') && /^\d+$/.test(n.slice(8)) ? [Number(n.slice(8))] : []));

/** Commits the hooks handed to the warm binder (src/bind/warm.ts) that it has not bound yet. */
const warmRequests = (storeDir: string): string[] => {
  try {
    return readdirSync(warmDir(storeDir)).filter(isWarmRequest);
  } catch {
    return [];
  }
};

/**
 * Waits until no binder the hooks started runs, and no commit waits for the warm binder (a zombie has finished; with `reaped`, until it is
 * gone too, as the product's own readers wait); milliseconds waited. One still running after
 * timeoutMs is killed by its pid: the bench leaves nothing behind.
 */
export function waitBinders(storeDir: string, opts: { reaped?: boolean; timeoutMs?: number } = {}): number {
  const t0 = performance.now();
  for (;;) {
    const busy = markers(storeDir).filter((pid) => procState(pid) === 'alive' || (opts.reaped && procState(pid) === 'zombie'));
    if (busy.length === 0 && warmRequests(storeDir).length === 0) return performance.now() - t0;
    if (performance.now() - t0 > (opts.timeoutMs ?? 60_000)) {
      for (const pid of busy) if (procState(pid) === 'alive') process.kill(pid, 'SIGKILL');
      throw new Error(`binders ${busy.join(', ')} still there after ${opts.timeoutMs ?? 60_000} ms: killed`);
    }
    sleepSync(1);
  }
}

/** The notes ref's current value, read from the files git keeps it in (no fork: cheap to poll). */
export function refValue(commonDir: string, ref: string): string {
  try {
    return readFileSync(join(commonDir, ref), 'utf8').trim();
  } catch {
    const packed = (() => {
      try {
        return readFileSync(join(commonDir, 'packed-refs'), 'utf8');
      } catch {
        return '';
      }
    })();
    return packed.split('\n').find((l) => l.endsWith(` ${ref}`))?.split(' ')[0] ?? '';
  }
}

/**
 * Milliseconds from now until the note of `commit` shows `id` (`git notes show` succeeding): the
 * ref is polled every millisecond, each move checked with git. NaN after timeoutMs.
 */
export function timeNote(cwd: string, env: NodeJS.ProcessEnv, commonDir: string, ref: string, before: string, commit: string, id: string, timeoutMs = 10_000): number {
  const t0 = performance.now();
  let seen = before;
  while (performance.now() - t0 < timeoutMs) {
    const now = refValue(commonDir, ref);
    if (now !== seen) {
      const at = performance.now() - t0;
      seen = now;
      const r = spawnSync('git', ['notes', `--ref=${ref}`, 'show', commit], { cwd, env, encoding: 'utf8' });
      if (r.status === 0 && r.stdout.includes(`# aisess ${id}`)) return at;
    }
    sleepSync(1);
  }
  return NaN;
}

export const ms = (v: number, width = 7): string => (Number.isFinite(v) ? `${v.toFixed(1)}` : 'n/a').padStart(width);
export const signed = (v: number, width = 7): string => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`.padStart(width);
