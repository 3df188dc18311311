/**
 * Pass-through cost of the shim, side by side in one run: aisess run vs `script -q -c CMD /dev/null`
 * vs a bare node-pty pass-through vs the command run directly, all inside the same kind of outer pty.
 * Prints throughput, keystroke echo latency and start-up, with ratios against script(1).
 * Usage: npm run build && node --import tsx bench/shim.ts [--mb 100] [--rounds 3] [--samples 200]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cliEntry, repoRoot } from '../test/helpers/cli.js';
import { echoLatency, percentile, runLight, runOuter, type OuterRun } from './lib/outer.js';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '100' }, rounds: { type: 'string', default: '3' }, samples: { type: 'string', default: '200' } },
});
const mb = Number(values.mb);
const rounds = Number(values.rounds);
const samples = Number(values.samples);

const work = mkdtempSync(join(tmpdir(), 'aisess-bench-'));
// Recordings go to a throw-away state dir; every variant runs in a temp dir that is no repository.
process.env.AISESS_STATE_DIR = join(work, 'state');
process.env.TERM = 'xterm-256color';
delete process.env.AISESS_SESSION;

type Wrap = (cmd: string) => string[];
const variants: Record<string, Wrap> = {
  direct: (cmd) => ['sh', '-c', cmd],
  script: (cmd) => ['script', '-q', '-c', cmd, '/dev/null'],
  'bare node-pty': (cmd) => [process.execPath, join(repoRoot, 'bench/bare-pty.mjs'), 'sh', '-c', cmd],
  aisess: (cmd) => [process.execPath, cliEntry(), 'run', '--', 'sh', '-c', cmd],
};

function makeFlood(): string {
  const file = join(work, 'flood.txt');
  const line = (i: number) => `${i.toString().padStart(8, '0')} \x1b[32mok\x1b[0m ${'lorem ipsum dolor sit amet '.repeat(3)}\n`;
  const chunk: string[] = [];
  for (let i = 0; i < 10_000; i++) chunk.push(line(i));
  const block = chunk.join('');
  const copies = Math.ceil((mb * 1024 * 1024) / block.length);
  writeFileSync(file, block.repeat(copies));
  return file;
}

// CPU time is what a loaded machine cannot hide: each variant (with its cat) under time(1).
const timeBin = '/usr/bin/time';
const cpuFile = join(work, 'cpu.txt');
const timed = (argv: string[]) => (existsSync(timeBin) ? [timeBin, '-o', cpuFile, '-f', '%U %S', ...argv] : argv);
function cpuSeconds(): number {
  if (!existsSync(cpuFile)) return NaN;
  const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return user! + sys!;
}

/**
 * Two stand-ins for the user's terminal: a node reader doing a pty read per ≤4 KB (CPU-hungry, it
 * competes with the variant for these 2 cores), and script(1) reading in C and writing to a pipe
 * the bench reads in 64 KB chunks (closer to a native terminal emulator's reader thread).
 */
const terminals: Record<string, (argv: string[], cwd: string) => Promise<OuterRun>> = {
  'node terminal': (argv, cwd) => runOuter(argv, { cwd }),
  'native terminal': (argv, cwd) => runLight(argv, { cwd }),
};

async function throughput(file: string): Promise<void> {
  for (const [terminal, run] of Object.entries(terminals)) {
    const rates: Record<string, number[]> = {};
    const cpu: Record<string, number> = {};
    for (let r = 0; r < rounds; r++) {
      for (const [name, wrap] of Object.entries(variants)) {
        rmSync(cpuFile, { force: true });
        const result = await run(timed(wrap(`cat ${file}`)), work);
        const mbs = result.bytes / 1024 / 1024;
        // From first to last byte: start-up is measured on its own below.
        (rates[name] ??= []).push(mbs / ((result.lastByteMs - result.firstByteMs) / 1000));
        cpu[name] = Math.min(cpu[name] ?? Infinity, (cpuSeconds() * 1000) / mbs);
      }
    }
    const best = (name: string) => Math.max(...rates[name]!);
    // Each round runs every variant back to back: the ratio within a round is spared the drift
    // of a shared machine between rounds, so its median is the steadiest figure.
    const paired = (name: string) => percentile(rates[name]!.map((rate, r) => rate / rates.script![r]!), 50);
    console.log(`\nthroughput, ${terminal}: cat of ${mb} MB (MB/s first to last byte over ${rounds} rounds; CPU of the variant and its cat)`);
    for (const name of Object.keys(variants)) {
      console.log(`  ${name.padEnd(14)} best ${best(name).toFixed(1).padStart(6)} MB/s ${(best(name) / best('script')).toFixed(2)}x script   ` +
        `median of round ratios ${paired(name).toFixed(2)}x   CPU ${cpu[name]!.toFixed(2).padStart(6)} ms/MB`);
    }
  }
}

async function latency(): Promise<void> {
  console.log(`\nkeystroke echo latency (${samples} keys, 1 s after the command is ready, ms)`);
  const med: Record<string, number> = {};
  const p99: Record<string, number> = {};
  for (const [name, wrap] of Object.entries(variants)) {
    const times = await echoLatency(wrap('echo READY; exec cat'), samples, 'READY', work);
    med[name] = percentile(times, 50);
    p99[name] = percentile(times, 99);
  }
  for (const name of Object.keys(variants)) {
    const d = p99[name]! - p99.script!;
    console.log(`  ${name.padEnd(14)} median ${med[name]!.toFixed(2).padStart(6)}   p99 ${p99[name]!.toFixed(2).padStart(6)}   p99 vs script ${d >= 0 ? '+' : ''}${d.toFixed(2)} ms`);
  }
}

async function startup(): Promise<void> {
  const runs = 15;
  const med: Record<string, number> = {};
  for (const [name, wrap] of Object.entries(variants)) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await runOuter(wrap('echo hi'), { cwd: work })).firstByteMs);
    med[name] = percentile(times, 50);
  }
  console.log(`\nstart-up to first byte of \`echo hi\` (median of ${runs}, ms)`);
  for (const name of Object.keys(variants)) {
    const d = med[name]! - med.script!;
    console.log(`  ${name.padEnd(14)} ${med[name]!.toFixed(1).padStart(7)} ms   ${d >= 0 ? '+' : ''}${d.toFixed(1)} ms vs script`);
  }
}

try {
  const file = makeFlood();
  await startup();
  await latency();
  await throughput(file);
} finally {
  rmSync(work, { recursive: true, force: true });
}
