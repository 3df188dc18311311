/**
 * Start-up of the built CLI's short commands (what every hook, binder and reader pays), side by side
 * in one run: `node -e 0` (node alone, the floor), the command without the code cache
 * (AISESS_CODE_CACHE=0: the bundle compiled at every start, src/cli/boot.ts), and from the cache.
 * With --against, a third column: another build's entry (e.g. an older checkout's dist/main.js, its
 * own cache warmed first), to compare two builds on the same machine in the same run.
 * CPU time (user + system) of each process and the git it waits for, median of --runs; the
 * variants alternate within a round.
 * Usage: npm run build && node --import tsx bench/cli-start.ts [--runs 15] [--against ../old/dist/main.js]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cliEntry } from '../test/helpers/cli.js';
import { gitEnv } from '../test/helpers/git.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, against: { type: 'string' } } });
const against = values.against;
const runs = Number(values.runs);
const work = mkdtempSync(join(tmpdir(), 'aisess-bench-start-'));
const env: NodeJS.ProcessEnv = { ...process.env, ...gitEnv, AISESS_STATE_DIR: join(work, 'state') };
// Parsed by node at every start whatever the program does (~50 ms where a system bundle is set).
delete env.NODE_EXTRA_CA_CERTS;

for (const args of [['init', '-q', '-b', 'main'], ['commit', '-q', '--allow-empty', '-m', 'first']]) {
  if (spawnSync('git', args, { cwd: work, env }).status !== 0) throw new Error(`git ${args.join(' ')} failed`);
}
writeFileSync(join(work, 'a.txt'), 'a\n');

/** CPU ms of one process, from bash's time (node's spawnSync does not report a child's rusage). */
function cpuMs(argv: string[]): number {
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%3U %3S"; time "$@" >/dev/null 2>&1', 'bash', ...argv], { cwd: work, env, encoding: 'utf8' });
  const [user, system] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  if (!Number.isFinite(user) || !Number.isFinite(system)) throw new Error(`no timing from ${argv.join(' ')}: ${r.stderr}`);
  return (user! + system!) * 1000;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const commands = [['--version'], ['status', '--json'], ['show', 'HEAD', '--json'], ['log'], ['hook', 'post-commit', 'HEAD'], ['run', '--', 'true']];
const floor: number[] = [];
const rows = commands.map((args) => ({ args, uncached: [] as number[], cached: [] as number[], other: [] as number[] }));
// Each command's cache written once, as its first run does.
for (const row of rows) for (const entry of [cliEntry(), ...(against ? [against] : [])]) cpuMs([process.execPath, entry, ...row.args]);
for (let round = 0; round < runs; round++) {
  floor.push(cpuMs([process.execPath, '-e', '0']));
  for (const row of rows) {
    row.uncached.push(cpuMs(['env', 'AISESS_CODE_CACHE=0', process.execPath, cliEntry(), ...row.args]));
    row.cached.push(cpuMs([process.execPath, cliEntry(), ...row.args]));
    if (against) row.other.push(cpuMs([process.execPath, against, ...row.args]));
  }
}
rmSync(work, { recursive: true, force: true });

const f = median(floor);
console.log(`CPU ms per process (user + system), median of ${runs}`);
console.log(`node -e 0: ${f.toFixed(0)}`);
console.log(`| command | without the cache | from the cache | ratio | from the cache minus node -e 0 |${against ? ` ${against} | this build / that |` : ''}`);
console.log(`| --- | --- | --- | --- | --- |${against ? ' --- | --- |' : ''}`);
for (const row of rows) {
  const [a, b] = [median(row.uncached), median(row.cached)];
  const other = against ? ` ${median(row.other).toFixed(0)} | ${(b / median(row.other)).toFixed(2)} |` : '';
  console.log(`| aisess ${row.args.join(' ')} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(2)} | ${(b - f).toFixed(0)} |${other}`);
}
