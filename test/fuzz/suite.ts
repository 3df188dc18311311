/**
 * The fuzz trials as a reliability suite (scripts/reliability.ts): every trial with the fixed seed
 * and `scale` times its CI number of cases, one table row per property, failures in full.
 */
import type { Suite } from '../../scripts/reliability/suite.js';
import { runTrials } from './runner.js';
import { FIXED_SEED } from './seeds.js';
import { CASE_BUDGET_MS, type TrialResult } from './trial.js';

/** Bugs this suite found, each fixed in src with a regression test next to the module's tests. */
export const FOUND: readonly string[] = [
  'A payload line whose envelope is JSON `null` (with a correct hash) made `parseNote` throw a TypeError: `show` crashed (src/notes/payload-line.ts).',
  'A summary time no Date can hold (`1e20`, or `1e400`, which JSON reads as Infinity) was accepted: rendering or showing the record threw `RangeError: Invalid time value` (src/notes/payload-line.ts).',
  'A note body whose stream marks were not numbers gave events with NaN times and resize data that was not a string: replay\'s size check threw a TypeError (src/compact/stream-codec.ts, decode.ts).',
  'Event times of Infinity (`1e400`, or an interval of `1e308` s overflowing to Infinity µs) in notes, journals and asciicast files: replay waited forever, on 1 ms timer ticks with a warning each (src/record/decode.ts, src/journal/codec.ts, src/journal/cast-file.ts).',
  'A Claude or Codex transcript line nested 10 000 levels deep exhausted the stack while compacting: the error reached the tail, which dropped the lines after it in the same read (src/agents/compact.ts).',
  'Session metadata with `exit: {}` (or a code that is text) passed as sound, and `aisess sessions` showed no status (src/store/meta.ts).',
];

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function fuzzSuite(scale: number): Suite {
  return {
    name: 'Fuzz: every decoder of foreign input',
    async run() {
      const results = await runTrials({ seed: FIXED_SEED, scale });
      const cases = results.reduce((sum, r) => sum + r.cases, 0);
      const failed = results.filter((r) => !r.held);
      return { cases, held: failed.length === 0, notes: notes(results, scale, failed) };
    },
  };
}

function notes(results: TrialResult[], scale: number, failed: TrialResult[]): string[] {
  return [
    `fast-check properties over each decoder that reads bytes aisess did not write itself (test/fuzz/*.fuzz.ts), seeded with real`,
    `input from fixtures/ (notes, journals, transcripts, casts) and then damaged: cut short, bits flipped, bytes spliced in,`,
    `lines reordered, JSON keys dropped, types swapped, strings made huge, values nested deep, hashes forged. Fixed seed`,
    `${FIXED_SEED}, ${scale}× the cases of a CI run (CI runs 1× with this seed and 1× with a random one, printed on failure).`,
    `Each case has a ${CASE_BUDGET_MS / 1000} s budget; trials run in a worker that a watchdog terminates if a case never returns.`,
    'A CI failure prints its seed, the counterexample and a `replay:` command (`AISESS_FUZZ_SEED`, `AISESS_FUZZ_TRIAL`,',
    '`AISESS_FUZZ_PATH`) that runs that one case again.',
    '',
    '| Input | Function | Property | Cases | Held |',
    '|---|---|---|---:|---|',
    ...results.map((r) => `| ${cell(r.decoder)} | ${cell(r.target)} | ${cell(r.property)} | ${r.cases}${r.interrupted ? ' (time limit)' : ''} | ${r.held ? 'yes' : '**no**'} |`),
    '',
    ...(failed.length === 0 ? ['Every property held.'] : ['Failures:', '', ...failed.flatMap((r) => [
      `- **${cell(r.name)}**: seed ${r.seed}${r.failure?.path ? `, path \`${r.failure.path}\`` : ''}: ${cell(r.failure?.error ?? '')}`,
      `  counterexample: \`${cell(r.failure?.counterexample ?? '')}\``,
    ])]),
    '',
    'Bugs the suite found (each fixed, with a regression test):',
    '',
    ...FOUND.map((f) => `- ${f}`),
  ];
}
