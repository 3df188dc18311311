/**
 * Cost of recording a run without a terminal, side by side in one run: `aisess run -- cat FILE` vs
 * `script -q -c 'cat FILE' /dev/null` (the usual way to record a run, through a pty) vs `cat FILE`
 * directly, stdout a pipe read by this process (as a script or CI reads it). Prints
 * throughput, wall and CPU time (aisess and the agent together, from time(1)), start-up with a trivial
 * command, and the ratios aisess/direct.
 * Usage: npm run build && node --import tsx bench/pipe.ts [--mb 100] [--rounds 3] [--starts 10]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cliEntry } from '../test/helpers/cli.js';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '100' }, rounds: { type: 'string', default: '3' }, starts: { type: 'string', default: '10' } },
});
const mb = Number(values.mb);
const rounds = Number(values.rounds);
const starts = Number(values.starts);

const work = mkdtempSync(join(tmpdir(), 'aisess-bench-pipe-'));
process.env.AISESS_STATE_DIR = join(work, 'state');
delete process.env.AISESS_SESSION;

const variants: Record<string, (argv: string[]) => string[]> = {
  direct: (argv) => argv,
  script: (argv) => ['script', '-q', '-c', argv.join(' '), '/dev/null'],
  aisess: (argv) => [process.execPath, cliEntry(), 'run', '--', ...argv],
};

const timeBin = '/usr/bin/time';
const cpuFile = join(work, 'cpu.txt');

interface Sample { wall: number; cpu: number; bytes: number }

/** Runs argv with stdout a pipe this process drains; wall time, CPU time of the whole tree, bytes read. */
function measure(argv: string[]): Promise<Sample> {
  const timed = existsSync(timeBin) ? [timeBin, '-o', cpuFile, '-f', '%U %S', ...argv] : argv;
  const started = process.hrtime.bigint();
  const child = spawn(timed[0]!, timed.slice(1), { cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
  let bytes = 0;
  child.stdout.on('data', (c: Buffer) => (bytes += c.length));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = existsSync(timeBin) ? readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number).reduce((a, b) => a + b, 0) : NaN;
      resolve({ wall, cpu, bytes });
    });
  });
}

function makeFlood(): string {
  const file = join(work, 'flood.txt');
  const line = (i: number) => `${i.toString().padStart(8, '0')} \x1b[32mok\x1b[0m ${'lorem ipsum dolor sit amet '.repeat(3)}\n`;
  const block = Array.from({ length: 10_000 }, (_, i) => line(i)).join('');
  writeFileSync(file, block.repeat(Math.ceil((mb * 1024 * 1024) / block.length)));
  return file;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const flood = makeFlood();
  const results: Record<string, { wall: number; cpu: number; mbps: number; start: number }> = {};
  // Interleaved rounds: a machine that slows down mid-run slows both variants alike.
  const runs: Record<string, Sample[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const startRuns: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, wrap] of Object.entries(variants)) runs[name]!.push(await measure(wrap(['cat', flood])));
  }
  for (let s = 0; s < starts; s++) {
    for (const [name, wrap] of Object.entries(variants)) startRuns[name]!.push((await measure(wrap(['true']))).wall);
  }
  for (const name of Object.keys(variants)) {
    const wall = median(runs[name]!.map((s) => s.wall));
    const bytes = runs[name]![0]!.bytes;
    results[name] = { wall, cpu: median(runs[name]!.map((s) => s.cpu)), mbps: bytes / 1048576 / wall, start: median(startRuns[name]!) };
  }
  const d = results.direct!;
  const a = results.aisess!;
  const sc = results.script!;
  // `cat` spends next to no CPU of its own: a ratio to zero says nothing.
  const cpuRatio = (x: number, y: number) => (y >= 0.01 ? `${(x / y).toFixed(2)}x` : 'n/a');
  console.log(`piped output: ${mb} MB through cat, median of ${rounds}; start-up: \`true\`, median of ${starts}`);
  console.log('variant   MB/s    wall s   cpu s   start ms');
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(8)} ${r.mbps.toFixed(0).padStart(6)}  ${r.wall.toFixed(2).padStart(7)}  ${r.cpu.toFixed(2).padStart(6)}  ${(r.start * 1000).toFixed(0).padStart(8)}`);
  }
  console.log(`ratio aisess/direct: wall ${(a.wall / d.wall).toFixed(2)}x, cpu ${cpuRatio(a.cpu, d.cpu)}, start-up +${((a.start - d.start) * 1000).toFixed(0)} ms`);
  console.log(`ratio aisess/script: wall ${(a.wall / sc.wall).toFixed(2)}x, cpu ${cpuRatio(a.cpu, sc.cpu)}, start-up +${((a.start - sc.start) * 1000).toFixed(0)} ms`);
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
