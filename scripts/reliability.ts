/**
 * Regenerates docs/RELIABILITY.md: runs every reliability suite once and writes what was tried, how
 * many cases, what held. Run: `npm run reliability` (optionally `-- --scale N`, default 10: N times
 * the fuzz cases of a CI run). Exits 1 when a suite did not hold (the document is written anyway).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { fuzzSuite } from '../test/fuzz/suite.js';
import { hostileSuite } from '../test/reliability/hostile-suite.js';
import { secretSuite } from '../test/reliability/secret-suite.js';
import { renderReliability } from './reliability/document.js';
import type { Suite } from './reliability/suite.js';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { scale: { type: 'string', default: '10' } } });
const scale = Number(values.scale);
if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${values.scale}`);

// ── Suites ────────────────────────────────────────────────────────────────────────────────────
// Each suite is a module exporting a Suite (scripts/reliability/suite.ts): { name, run() } where
// run() resolves to { cases, held, notes }. The hostile-note suite runs the built CLI (npm run build first).
const SUITES: Suite[] = [
  fuzzSuite(scale),
  secretSuite(),
  hostileSuite(),
];
// ──────────────────────────────────────────────────────────────────────────────────────────────

const version = (pkg: string) => (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
const results = [];
for (const suite of SUITES) {
  const start = performance.now();
  process.stderr.write(`${suite.name}…\n`);
  const result = await suite.run();
  results.push({ name: suite.name, result, ms: performance.now() - start });
  process.stderr.write(`  ${result.cases} cases, ${result.held ? 'held' : 'DID NOT HOLD'}\n`);
}
const text = renderReliability({
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(),
  versions: {
    aisess: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    Node: process.versions.node, 'fast-check': fc.__version, 'zstd-napi': version('zstd-napi'), OS: `${platform()} ${release()} ${arch()}`,
  },
  command: `npm run reliability${values.scale === '10' ? '' : ` -- --scale ${values.scale}`}`,
}, results);
writeFileSync(join(root, 'docs', 'RELIABILITY.md'), text);
process.stderr.write(`wrote docs/RELIABILITY.md\n`);
if (!results.every((r) => r.result.held)) process.exitCode = 1;
