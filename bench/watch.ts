/**
 * Worktree watcher on a 20k-file repository (plus an ignored node_modules of 10k files):
 * time for start() to return, for the first scan, to notice one edit, and the main thread's
 * worst stall while starting, for each trigger variant side by side. Run:
 *   node --import tsx bench/watch.ts [files=20000]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { gitRunner } from '../src/watch/run-git.js';
import { statusArgs } from '../src/watch/status.js';
import { watchWorktree, type TriggerKind } from '../src/watch/worktree.js';

const FILES = Number(process.argv[2] ?? 20_000);
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const sh = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 }).toString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function makeRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'aisess-bench watch-'));
  sh(root, ['init', '-q', '-b', 'main']);
  for (let i = 0; i < FILES; i++) {
    const dir = join(root, 'src', `m${i % 40}`, `d${i % 400}`);
    if (i < 400) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.ts`), `export const v${i} = ${i};\n`);
  }
  for (let i = 0; i < FILES / 2; i++) {
    const dir = join(root, 'node_modules', `p${i % 200}`);
    if (i < 200) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `x${i}.js`), 'module.exports = 1;\n');
  }
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n');
  sh(root, ['add', '-A']);
  sh(root, ['commit', '-qm', 'bench']);
  return root;
}

async function timeStatus(root: string, untrackedCache: boolean, runs = 5): Promise<number> {
  const run = gitRunner(root);
  await run(statusArgs(untrackedCache));
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await run(statusArgs(untrackedCache));
  return (performance.now() - t0) / runs;
}

interface Row {
  trigger: TriggerKind;
  startMs: number;
  firstScanMs: number;
  noticeMs: number;
  maxStallMs: number;
  p99StallMs: number;
}

async function measure(root: string, trigger: TriggerKind, n: number): Promise<Row> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  let seen: (() => void) | undefined;
  const target = `src/m${n % 40}/d${n % 400}/f${n}.ts`;
  h.enable();
  // A tick counter as well: the histogram can miss a stall that starts before its first sample.
  let maxGap = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last);
    last = t;
  }, 5);
  await sleep(100);
  const t0 = performance.now();
  const w = watchWorktree({ root, trigger, onChange: (c) => c.some((x) => x.path === target) && seen?.(), onError: (e) => console.error(trigger, e) });
  w.start();
  const startMs = performance.now() - t0;
  await w.snapshot();
  const firstScanMs = performance.now() - t0;
  // Let deferred trigger setup (the recursive walk, chunked directory watches) finish inside the window.
  await sleep(2500);
  h.disable();
  clearInterval(ticker);
  const noticed = new Promise<void>((r) => (seen = r));
  const t1 = performance.now();
  writeFileSync(join(root, target), `export const v = ${Math.random()};\n`);
  await noticed;
  const noticeMs = performance.now() - t1;
  w.stop();
  execFileSync('git', ['checkout', '--', target], { cwd: root });
  return { trigger, startMs, firstScanMs, noticeMs, maxStallMs: Math.max(maxGap, h.max / 1e6), p99StallMs: h.percentile(99) / 1e6 };
}

// The watcher never keeps a process alive by design; the benchmark must.
const keepAlive = setInterval(() => {}, 1000);
const root = makeRepo();
try {
  console.log(`repository: ${FILES} tracked files in 400 directories, ${FILES / 2} ignored files in node_modules`);
  console.log(`git status (porcelain v2, untracked all): ${(await timeStatus(root, false)).toFixed(1)} ms; with -c core.untrackedCache=true: ${(await timeStatus(root, true)).toFixed(1)} ms`);
  const rows: Row[] = [];
  let n = 7;
  for (const trigger of ['dirs', 'worker', 'recursive', 'poll'] as TriggerKind[]) rows.push(await measure(root, trigger, (n += 97)));
  const f = (x: number) => x.toFixed(1).padStart(10);
  console.log(`${'trigger'.padEnd(10)}${'start()'.padStart(10)}${'1st scan'.padStart(10)}${'notice'.padStart(10)}${'max stall'.padStart(10)}${'p99 stall'.padStart(10)}   (ms)`);
  for (const r of rows) console.log(`${r.trigger.padEnd(10)}${f(r.startMs)}${f(r.firstScanMs)}${f(r.noticeMs)}${f(r.maxStallMs)}${f(r.p99StallMs)}`);
} finally {
  clearInterval(keepAlive);
  rmSync(root, { recursive: true, force: true });
}
