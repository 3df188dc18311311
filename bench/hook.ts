/**
 * What aisess costs around `git commit`, side by side in one temp repository:
 *  1. `git commit --allow-empty` with no hook vs aisess's hooks (nothing pending, one session with one
 *     pending change, ten such sessions; with the warm binder, src/bind/warm.ts, and without it):
 *     median and p90 of RUNS commits each (env RUNS, default 30). Each hooked commit is paired with a
 *     no-hook one (`-c core.hooksPath=<empty dir>`), so both see the same machine state. The binder
 *     runs in the background: the commit's time is what the user waits for. Bar: within 2 ms of no hook.
 *  2. User-visible binding, one segment per commit, each commit taking a fresh pending change: from
 *     `git commit` returning until `git notes --ref=aisess show HEAD` shows the segment, with a cold
 *     binder (aisess.warmBinder off) and with the warm one (15 commits each), and until
 *     `aisess show HEAD --json`, started at once, lists it (15 more, warm). Target: <= 100 ms.
 *  3. Binding 200 segments in one commit: bindPending in-process, and `aisess hook post-commit <sha>`.
 * Between steps the store's pending marks of the previous step are removed, so each step measures
 * only its own sessions. Run: npm run build && node --import tsx bench/hook.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bindPending } from '../src/bind/binder.js';
import { pendingPath } from '../src/bind/pending-file.js';
import { stopWarm, warmServer } from '../src/bind/warm.js';
import { initRepo, storeDirOf } from '../src/hooks/init.js';
import { openRepo } from '../src/git/repo.js';
import { readNote } from '../src/notes/index.js';
import { recordSession } from '../test/bind/session.js';
import { cliEntry } from '../test/helpers/cli.js';
import { gitEnv, tempRepo } from '../test/helpers/git.js';
import { median, ms, p90, procState, refValue, run, signed, sleepSync, timeCommit, timeNote, waitBinders } from './lib/hook-kit.js';

const RUNS = Number(process.env.RUNS ?? 30);
const LATENCY_RUNS = 15;
const BAR_MS = 2;
const TARGET_MS = 100;
const SEGMENTS = 200;
const env = { ...process.env, ...gitEnv };
const pad = (n: number) => String(n).padStart(3, '0');
const files = (prefix: string, n: number, text: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${pad(i)}.txt`, `${text} ${i}\n`]));

async function main(): Promise<void> {
  const dir = tempRepo({ 'a.txt': 'a0\n', ...files('b', 3 * LATENCY_RUNS, 'b0') });
  const path = realpathSync(dir.path);
  const repo = await openRepo(path, { env: gitEnv });
  const store = storeDirOf(repo);
  const noHooks = join(repo.commonDir, 'no-hooks');
  mkdirSync(noHooks);
  const ref = 'refs/notes/aisess';
  const out: string[] = [];
  try {
    const { hooksDir } = await initRepo(repo, { node: process.execPath, cli: cliEntry() });
    const unmark = (...ids: string[]) => ids.forEach((id) => rmSync(pendingPath(store, id), { force: true }));
    /**
     * Off: no binder stays (the one running is sent away). On: the next hooked commit with something
     * pending binds cold and leaves one; an empty commit does that here, and the warm binder is waited for.
     */
    const setWarm = async (on: boolean) => {
      const server = await warmServer(store);
      if (on) {
        run(path, env, ['config', '--unset-all', 'aisess.warmBinder']);
        if (server) return;
        timeCommit(path, env, hooksDir, ['--allow-empty', '-m', 'warm-up']);
        const t0 = performance.now();
        while (!(await warmServer(store))) {
          if (performance.now() - t0 > 30_000) throw new Error('no warm binder started after a hooked commit');
          sleepSync(5);
        }
        waitBinders(store);
        return;
      }
      run(path, env, ['config', 'aisess.warmBinder', 'off']);
      await stopWarm(store);
      while (server && procState(server.pid) === 'alive') sleepSync(5);
    };

    // 1. The commit's own cost.
    out.push(`1. git commit --allow-empty: ${RUNS} commits per row, each paired with a no-hook commit (ms)`);
    out.push(`   ${''.padEnd(42)} ${'hooked'.padStart(15)} ${'no hook'.padStart(15)}`);
    out.push(`   ${'variant'.padEnd(42)} ${['median', 'p90', 'median', 'p90', 'Δ med', 'Δ p90'].map((h) => h.padStart(7)).join(' ')}  bar ≤${BAR_MS} ms   binder (bg)`);
    const sessions: string[] = [];
    const rows: [string, () => Promise<void>][] = [
      ['aisess hooks, nothing pending', async () => {}],
      ['1 session, 1 change pending, cold binder', async () => {
        sessions.push((await recordSession(path, [{ write: { 'a.txt': 'a1\n' } }])).id);
        await setWarm(false);
      }],
      ['1 session, 1 change pending, warm binder', () => setWarm(true)],
      ['10 sessions pending, warm binder', async () => {
        for (let i = 1; i < 10; i++) sessions.push((await recordSession(path, [{ write: { [`c${i}.txt`]: `c${i}\n` } }])).id);
      }],
    ];
    let n = 0;
    for (const [name, prepare] of rows) {
      await prepare();
      const plain: number[] = [];
      const hooked: number[] = [];
      const binder: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternate the order; the (detached) binder finishes before the next commit is timed.
        for (const hook of i % 2 ? [false, true] : [true, false]) {
          (hook ? hooked : plain).push(timeCommit(path, env, hook ? hooksDir : noHooks, ['--allow-empty', '-m', `bench ${n++}`]));
          const waited = waitBinders(store);
          if (hook) binder.push(waited);
        }
      }
      const dMed = median(hooked) - median(plain);
      const dP90 = p90(hooked) - p90(plain);
      const verdict = dMed <= BAR_MS ? 'ok        ' : 'MISSES BAR';
      const bg = sessions.length === 0 ? 'none started' : `${median(binder).toFixed(0)} ms median`;
      out.push(`   ${name.padEnd(42)} ${ms(median(hooked))} ${ms(p90(hooked))} ${ms(median(plain))} ${ms(p90(plain))} ${signed(dMed)} ${signed(dP90)}  ${verdict}  ${bg}`);
    }
    unmark(...sessions);

    // 2. User-visible binding: from the commit returning until the note is readable (the ref polled
    // each ms), and until `aisess show HEAD --json`, started at once, lists the segment (it waits for
    // the binder). Each commit takes one fresh change; the binders of the previous commit are gone first.
    const latencyFiles = Object.keys(files('b', 3 * LATENCY_RUNS, ''));
    const s2 = await recordSession(path, latencyFiles.map((f) => ({ write: { [f]: `${f} changed\n` } })));
    let next = 0;
    const commitNext = () => {
      const i = next++;
      waitBinders(store, { reaped: true });
      run(path, env, ['add', `b${pad(i)}.txt`]);
      const before = refValue(repo.commonDir, ref);
      timeCommit(path, env, hooksDir, ['-m', `b${i}`]);
      return { before, id: `${s2.id}:${i}`, t0: performance.now() };
    };
    const readable = () => Array.from({ length: LATENCY_RUNS }, () => {
      const c = commitNext();
      return timeNote(path, env, repo.commonDir, ref, c.before, 'HEAD', c.id);
    });
    await setWarm(false);
    const coldNote = readable();
    await setWarm(true);
    const warmNote = readable();
    const shown = Array.from({ length: LATENCY_RUNS }, () => {
      const c = commitNext();
      const json = execFileSync(process.execPath, [cliEntry(), 'show', 'HEAD', '--json'], { cwd: path, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const took = performance.now() - c.t0;
      if (!(JSON.parse(json) as { segments: { id: string }[] }).segments.some((g) => g.id === c.id)) throw new Error(`aisess show HEAD --json does not list ${c.id}`);
      return took;
    });
    const showStart = Array.from({ length: 5 }, () => {
      const t0 = performance.now();
      execFileSync(process.execPath, [cliEntry(), 'show', 'HEAD~20', '--json'], { cwd: path, env, stdio: 'ignore' });
      return performance.now() - t0;
    });
    unmark(s2.id);
    const verdict = (v: number[]) => `target ≤${TARGET_MS} ms: ${median(v) <= TARGET_MS ? 'ok' : 'MISSES TARGET'}${v.some((x) => !Number.isFinite(x)) ? ' (some never appeared in 10 s)' : ''}`;
    out.push('', `2. user-visible binding, one segment per commit, ${LATENCY_RUNS} commits per row (ms from \`git commit\` returning)`);
    const row = (label: string, v: number[], extra = '') => out.push(`   ${label.padEnd(42)} median ${ms(median(v))}  p90 ${ms(p90(v))}${extra && `  ${extra}`}`);
    row('note readable, warm binder (the default)', warmNote, verdict(warmNote));
    row('note readable, cold binder', coldNote, 'none waiting: aisess.warmBinder off, or none left yet');
    row('`aisess show HEAD --json` lists it (warm)', shown);
    row('`aisess show` of an older commit (no wait)', showStart, 'the command\'s own start-up, for comparison');
    // 3. 200 segments in one commit. A one-segment bind in-process first: the baseline (and the warm-up).
    const bindIn = async (steps: Parameters<typeof recordSession>[1]) => {
      const s = await recordSession(path, steps);
      run(path, env, ['add', '-A']);
      timeCommit(path, env, noHooks, ['-m', `in-process ${steps.length}`]);
      const sha = run(path, env, ['rev-parse', 'HEAD']);
      const t0 = performance.now();
      await bindPending(repo, { dir: store }, { commits: [sha] });
      const t = performance.now() - t0;
      unmark(s.id);
      return { t, records: (await readNote(repo, sha)).records.length };
    };
    const cold = await bindIn([{ write: { 'e.txt': 'e\n' } }]);
    const one = await bindIn([{ write: { 'e.txt': 'e again\n' } }]);
    const many = await bindIn(Object.entries(files('d', SEGMENTS, 'd0')).map(([f, text]) => ({ write: { [f]: text } })));
    const s3 = await recordSession(path, Object.entries(files('d', SEGMENTS, 'd1')).map(([f, text]) => ({ write: { [f]: text } })));
    timeCommit(path, env, noHooks, ['-am', 'cli 200']);
    const sha = run(path, env, ['rev-parse', 'HEAD']);
    const t0 = performance.now();
    execFileSync(process.execPath, [cliEntry(), 'hook', 'post-commit', sha], { cwd: path, env, stdio: 'ignore' });
    const cli = performance.now() - t0;
    const cliRecords = (await readNote(repo, sha)).records.length;
    unmark(s3.id);
    out.push('', `3. binding ${SEGMENTS} segments in one commit (${SEGMENTS} files, one change each)`);
    const line = (label: string, t: number, extra: string) => out.push(`   ${label.padEnd(42)} ${ms(t)} ms  (${extra})`);
    line('bindPending in-process, 1 segment', one.t, `${one.records} record; the process's first bind took ${cold.t.toFixed(1)} ms`);
    line(`bindPending in-process, ${SEGMENTS} segments`, many.t, `${many.records} records; ${(many.t / SEGMENTS).toFixed(2)} ms/segment, ${((many.t - one.t) / (SEGMENTS - 1)).toFixed(2)} ms marginal`);
    line(`aisess hook post-commit <sha>, ${SEGMENTS} segments`, cli, `${cliRecords} records; ${(cli / SEGMENTS).toFixed(2)} ms/segment, node start-up included`);
    if (many.records !== SEGMENTS || cliRecords !== SEGMENTS) out.push(`   WRONG: expected ${SEGMENTS} records on each commit`);
  } finally {
    try {
      waitBinders(store, { reaped: true });
    } catch (err) {
      out.push(`   ${(err as Error).message}`);
    }
    dir.cleanup();
    console.log(`aisess hook bench: node ${process.version}, ${execFileSync('git', ['--version'], { encoding: 'utf8' }).trim()}`);
    console.log(out.join('\n'));
  }
}

await main();
