/**
 * Time the hook adds to `git commit`: no hook, aisess's hook with nothing pending, and with one
 * segment pending (the binder runs detached: this is what the user waits for). Printed as figures
 * (hyperfine when installed, else a loop). Run: npm run build && node --import tsx bench/hook.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { initRepo, undoInit } from '../src/hooks/init.js';
import { openRepo } from '../src/git/repo.js';
import { markPending } from '../src/bind/pending-file.js';
import { cliEntry } from '../test/helpers/cli.js';
import { gitEnv, tempRepo } from '../test/helpers/git.js';
import { recordSession } from '../test/bind/session.js';

const RUNS = Number(process.env.RUNS ?? 30);
const env = { ...process.env, ...gitEnv };

/** Median milliseconds of `git commit --allow-empty` in cwd; settleMs lets a detached binder finish first. */
async function timeCommits(cwd: string, settleMs = 0): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
    const t0 = performance.now();
    spawnSync('git', ['commit', '-q', '--allow-empty', '-m', `bench ${i}`], { cwd, env });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = tempRepo({ 'a.txt': 'a0\n' });
  const path = realpathSync(dir.path);
  try {
    const repo = await openRepo(path, { env: gitEnv });
    const plain = await timeCommits(path);
    await initRepo(repo, { node: process.execPath, cli: cliEntry() });
    const idle = await timeCommits(path);
    // One session with a change no commit takes: every commit starts the (detached) binder.
    const s = await recordSession(path, [{ write: { 'a.txt': 'a1\n' } }]);
    await markPending(s.storeDir, s.id, path, Date.now());
    const pending = await timeCommits(path, 1000);
    const t0 = performance.now();
    execFileSync(process.execPath, [cliEntry(), 'hook', 'post-commit'], { cwd: path, env });
    const binder = performance.now() - t0;
    await undoInit(repo);
    const row = (name: string, ms: number) => `${name.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms  (+${(ms - plain).toFixed(1)} ms)`;
    console.log(`git commit, median of ${RUNS} (${join(path)})`);
    console.log(row('no hook', plain));
    console.log(row('aisess hook, nothing pending', idle));
    console.log(row('aisess hook, one segment pending', pending));
    console.log(`${'binder itself (detached, not waited)'.padEnd(34)} ${binder.toFixed(1).padStart(7)} ms`);
  } finally {
    dir.cleanup();
  }
}

await main();
