/**
 * Why src/git/runner.ts spawns git itself instead of using execa (the process library DESIGN.md
 * names): side by side in one run, the cost of loading each (a fresh node process importing it, the
 * price every `aisess hook` start-up would pay) and of a git call through each, alternating rounds.
 * Usage: node --import tsx bench/git-runner.ts [--calls 150] [--rounds 3] [--loads 5]
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { runGit } from '../src/git/runner.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '150' }, rounds: { type: 'string', default: '3' }, loads: { type: 'string', default: '5' } } });
const calls = Number(values.calls);
const rounds = Number(values.rounds);
const loads = Number(values.loads);
const cwd = process.cwd();

function loadMs(module: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(module)});console.log(performance.now()-t)`;
  const times = Array.from({ length: loads }, () => Number(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout));
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function perCall(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return (performance.now() - started) / calls;
}

console.log(`import (median of ${loads} fresh processes): execa ${loadMs('execa').toFixed(1)} ms, node:child_process ${loadMs('node:child_process').toFixed(1)} ms`);
const totals = { spawn: 0, execa: 0 };
for (let r = 1; r <= rounds; r++) {
  const s = await perCall(() => runGit(cwd, ['rev-parse', 'HEAD']));
  const e = await perCall(() => execa('git', ['rev-parse', 'HEAD'], { cwd }));
  totals.spawn += s;
  totals.execa += e;
  console.log(`round ${r}: runGit ${s.toFixed(2)} ms/call, execa ${e.toFixed(2)} ms/call, execa/runGit ${(e / s).toFixed(2)}x`);
}
console.log(`mean of ${rounds} rounds x ${calls} calls: runGit ${(totals.spawn / rounds).toFixed(2)} ms, execa ${(totals.execa / rounds).toFixed(2)} ms, execa/runGit ${(totals.execa / totals.spawn).toFixed(2)}x`);
