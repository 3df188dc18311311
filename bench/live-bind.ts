/**
 * User-visible binding while `aisess run` runs: the real CLI with the fake claude in a pty, the user
 * committing each of the agent's changes in another process; from `git commit` returning until
 * `git notes --ref=aisess show HEAD` shows the note. Side by side in one run: the session binding
 * through the warm binder (the default) and through a child of its own per commit
 * (aisess.warmBinder off). Usage: npm run build && node --import tsx bench/live-bind.ts [--commits 8]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Step } from '../fixtures/lib/script.mjs';
import { runAgent, setup, sh } from '../test/helpers/scenario.js';
import { median, p90 } from './lib/hook-kit.js';

const { values } = parseArgs({ options: { commits: { type: 'string', default: '8' } } });
const COMMITS = Number(values.commits);
const TARGET_MS = 100;
const pidFile = (repo: string) => join(repo, '.git', 'aisess', 'warm', 'pid');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(warm: boolean): Promise<number[]> {
  const { sb, repo } = setup();
  await sh(sb, repo, ['config', 'aisess.warmBinder', warm ? '10m' : 'off']);
  const files = Array.from({ length: COMMITS }, (_, i) => `f${i}.txt`);
  const script: Step[] = [
    ...files.flatMap((f): Step[] => [{ prompt: `write ${f}` }, { write: { path: f, content: `${f}\n` } }, { say: `Wrote ${f}.` }]),
    { wait: 600_000 },
  ];
  const agent = runAgent(sb, repo, script);
  try {
    await agent.waitFor(`Wrote ${files.at(-1)}`);
    // The watcher journals the last change, and the warm binder (started at the first) is up.
    await sleep(3000);
    const env = { ...process.env, ...sb.env };
    const took: number[] = [];
    for (const f of files) {
      await sh(sb, repo, ['add', f]);
      await sh(sb, repo, ['commit', '-qm', f]);
      const t0 = performance.now();
      for (;;) {
        if (spawnSync('git', ['notes', '--ref=aisess', 'show', 'HEAD'], { cwd: repo, env, stdio: 'ignore' }).status === 0) break;
        if (performance.now() - t0 > 30_000) throw new Error(`no note on the commit of ${f} after 30 s`);
        await sleep(2);
      }
      took.push(performance.now() - t0);
      await sleep(500);
    }
    return took;
  } finally {
    await agent.dispose();
    // Its repository goes with the sandbox; the warm binder would leave at its next look anyway.
    const pid = Number((existsSync(pidFile(repo)) ? readFileSync(pidFile(repo), 'utf8') : '').split('\n')[0]);
    try {
      if (pid > 0) process.kill(pid, 'SIGTERM');
    } catch {}
  }
}

const warm = await measure(true);
const cold = await measure(false);
const row = (label: string, v: number[]) => `   ${label.padEnd(44)} median ${median(v).toFixed(0).padStart(5)} ms  p90 ${p90(v).toFixed(0).padStart(5)} ms`;
console.log(`aisess live-bind bench: node ${process.version}, ${COMMITS} commits per row while the session runs (ms from \`git commit\` returning until the note is readable)`);
console.log(row('session binds through the warm binder', warm));
console.log(row('session binds in a child per commit (off)', cold));
console.log(`   ratio cold/warm ${(median(cold) / median(warm)).toFixed(2)}; the bind waits 100 ms for the agent's transcript lines first (target for the hook path: ≤${TARGET_MS} ms, bench/hook.ts)`);
process.exit(0);
