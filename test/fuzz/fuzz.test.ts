/**
 * The fuzz suite: every trial of test/fuzz/*.fuzz.ts with a fixed seed, then with a random one.
 * A failure prints the seed, fast-check's counterexample and replay path, and the command that
 * replays it. AISESS_FUZZ_SEED sets the second seed, AISESS_FUZZ_TRIAL picks trials by name or function,
 * AISESS_FUZZ_PATH replays one failure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIXED_SEED, randomSeed } from './seeds.js';
import { runTrials } from './runner.js';
import type { TrialResult } from './trial.js';

const env = process.env;
const second = env.AISESS_FUZZ_SEED !== undefined ? Number(env.AISESS_FUZZ_SEED) : randomSeed();

function report(r: TrialResult): string {
  const f = r.failure!;
  const replay = [`AISESS_FUZZ_SEED=${r.seed}`, `AISESS_FUZZ_TRIAL=${JSON.stringify(r.name)}`, ...(f.path ? [`AISESS_FUZZ_PATH=${f.path}`] : [])];
  return [
    `fuzz trial failed: ${r.name}`,
    `  target: ${r.target}`,
    `  seed: ${r.seed}${f.path ? `, path: ${f.path}` : ''}, after ${r.cases} cases`,
    `  error: ${f.error}`,
    `  counterexample: ${f.counterexample}`,
    `  replay: ${replay.join(' ')} node --import tsx --test test/fuzz/fuzz.test.ts`,
  ].join('\n');
}

for (const [label, seed] of [['fixed', FIXED_SEED], ['random', second]] as const) {
  test(`fuzz trials, ${label} seed ${seed}`, async (t) => {
    const results = await runTrials({ seed, scale: 1, only: env.AISESS_FUZZ_TRIAL, path: env.AISESS_FUZZ_PATH });
    assert.ok(results.length > 0, 'no trial ran');
    for (const r of results) {
      await t.test(`${r.name} (${r.cases} cases, ${r.ms} ms)`, () => {
        if (!r.held) assert.fail(report(r));
      });
    }
  });
}
