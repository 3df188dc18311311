/**
 * Time against size over the hostile-note corpus (fixtures/hostile): each reading command on a note
 * of --many-a records and one of 4x as many, and `log` over a quarter of the noted chain and all of
 * it. The cost of node's start-up (the same command on a two-record note, or `log -n 1`) is taken off
 * both sides (a difference under 50 ms counts as 50: noise); 4x the records taking more than 8x the time would mean quadratic work (16x). Fastest
 * of --runs runs each, against a machine shared with other work. Exits 1 when a ratio reaches 8.
 * Usage: npm run build && node --import tsx bench/hostile-scale.ts [--many-a 250] [--chain 2000] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { buildCorpus } from '../fixtures/hostile/generate.js';
import { gitEnv, tempDir } from '../test/helpers/git.js';
import { measuredCli } from '../test/helpers/measure.js';

const { values } = parseArgs({
  options: { 'many-a': { type: 'string', default: '250' }, chain: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' } },
});
const manyA = Number(values['many-a']);
const chain = Number(values.chain);
const runs = Number(values.runs);
const RATIO_CAP = 8;
/** Below this a difference is start-up noise: a ratio against it would say nothing. */
const NOISE_MS = 50;

const dir = tempDir('aisess-bench-hostile-');
const env = { ...process.env, ...gitEnv, GIT_CEILING_DIRECTORIES: tmpdir(), TZ: 'UTC', NO_COLOR: '1' };
const corpus = buildCorpus(dir.path, { many: [manyA, 4 * manyA], chain, hugeMb: 2 });

function fastest(args: string[]): { ms: number; rssKb: number } {
  let best = { ms: Infinity, rssKb: 0 };
  for (let i = 0; i < runs; i++) {
    const r = measuredCli(args, { cwd: dir.path, env, timeout: 600_000 });
    if (r.status !== 0) throw new Error(`aisess ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    if (r.ms < best.ms) best = { ms: r.ms, rssKb: Math.max(best.rssKb, r.rssKb) };
  }
  return best;
}

const rows: { what: string; small: number; large: number; ratio: number; rssKb: number }[] = [];
function compare(what: string, base: string[], small: string[], large: string[]): void {
  const b = fastest(base).ms;
  const s = fastest(small);
  const l = fastest(large);
  const ratio = Math.max(NOISE_MS, l.ms - b) / Math.max(NOISE_MS, s.ms - b);
  rows.push({ what, small: s.ms - b, large: l.ms - b, ratio, rssKb: Math.max(s.rssKb, l.rssKb) });
  process.stderr.write('.');
}

try {
  const { fields, manyA: a, manyB: b } = corpus.commits;
  for (const args of [['show'], ['show', '--json'], ['scan'], ['replay', '--instant']]) {
    compare(`${args.join(' ')}: ${manyA} vs ${4 * manyA} records`, [...args, fields], [...args, a], [...args, b]);
  }
  compare(`log: ${chain / 4} vs ${chain} noted commits`, ['log', '-n', '1'], ['log', '-n', String(chain / 4)], ['log', '-n', String(chain)]);
} finally {
  dir.cleanup();
}

process.stderr.write('\n');
const width = Math.max(...rows.map((r) => r.what.length));
process.stdout.write(`hostile corpus scale (fastest of ${runs}, start-up taken off; 4x the size, linear is 4x, quadratic 16x, cap ${RATIO_CAP}x)\n`);
for (const r of rows) {
  process.stdout.write(`  ${r.what.padEnd(width)}  ${r.small.toFixed(0).padStart(6)} ms  ${r.large.toFixed(0).padStart(6)} ms  ${r.ratio.toFixed(2).padStart(5)}x  peak ${(r.rssKb / 1024).toFixed(0)} MB\n`);
}
if (rows.some((r) => r.ratio >= RATIO_CAP)) process.exitCode = 1;
