/**
 * Scale of `aisess log` and `aisess show`: builds a repository of --commits commits (fast-import),
 * --noted of them carrying a note of --records records on refs/notes/aisess (one fast-import notes
 * commit, fanned out by git), then times aisess against plain git reading the same notes.
 * Usage: npm run build && node --import tsx bench/log.ts [--commits 30000] [--noted 10000] [--records 1] [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { renderNote, type NoteRecord } from '../src/notes/index.js';
import { cliEntry } from '../test/helpers/cli.js';
import { gitEnv } from '../test/helpers/git.js';

const { values } = parseArgs({
  options: {
    commits: { type: 'string', default: '30000' },
    noted: { type: 'string', default: '10000' },
    records: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
  },
});
const commits = Number(values.commits);
const noted = Math.min(commits, Number(values.noted));
const perNote = Number(values.records);
const runs = Number(values.runs);
const work = mkdtempSync(join(tmpdir(), 'aisess-bench-log-'));
const env = { ...process.env, ...gitEnv, TZ: 'UTC' };

function git(args: string[], input?: string | Buffer): string {
  const r = spawnSync('git', args, { cwd: work, env, input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.toString();
}

/** A record shaped like a bound segment: some terminal output, a few paths, a commit. */
function record(n: number, k: number): NoteRecord {
  const output = Array.from({ length: 40 }, (_, i) => `\x1b[32m✓\x1b[0m step ${i} of task ${n}: edited src/file${i % 7}.ts\r\n`).join('');
  return {
    id: `20260101-000000-${n.toString(16).padStart(6, '0')}:${k}`,
    summary: { time: Date.UTC(2026, 0, 1) + n * 60_000, agent: k % 2 ? 'codex' : 'claude', durationMs: 60_000 + k * 1000, title: `task ${n}: make the build green`, files: 2 },
    body: { v: 1, events: [[0, 'o', output]], paths: [{ path: `src/file${n % 7}.ts`, blob: null, status: 'modified', bound: 'full' }] },
  };
}

function build(): string[] {
  git(['init', '-q', '-b', 'main']);
  const chunks: string[] = [];
  const who = 'Ada Test <ada@example.com>';
  for (let i = 1; i <= commits; i++) {
    const content = `line ${i}\n`;
    const msg = `commit ${i}\n`;
    chunks.push(`commit refs/heads/main\nmark :${i}\ncommitter ${who} ${1767225600 + i} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`);
    chunks.push(`M 100644 inline file.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`);
  }
  // Every third commit (or as many as asked) gets a note, all in one notes commit.
  const step = Math.max(1, Math.floor(commits / noted));
  const notes: string[] = [`commit refs/notes/aisess\ncommitter ${who} 1767225600 +0000\ndata 12\nbench notes\n`];
  for (let n = 0, i = step; n < noted && i <= commits; n++, i += step) {
    const text = renderNote(Array.from({ length: perNote }, (_, k) => record(i, k)));
    notes.push(`N inline :${i}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }
  git(['fast-import', '--quiet'], chunks.join('') + notes.join(''));
  git(['reset', '-q', '--hard', 'main']);
  return git(['rev-list', 'main']).trim().split('\n');
}

function time(args: string[], label: string): { label: string; ms: number; bytes: number } {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(args[0]!, args.slice(1), { cwd: work, env, maxBuffer: 1 << 30 });
    samples.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
    bytes = r.stdout.length;
  }
  samples.sort((a, b) => a - b);
  return { label, ms: samples[Math.floor(samples.length / 2)]!, bytes };
}

try {
  const t0 = performance.now();
  const ids = build();
  const listed = git(['notes', '--ref=aisess', 'list']).trim().split('\n').length;
  console.log(`repository: ${ids.length} commits, ${listed} notes of ${perNote} record(s), built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const target = git(['notes', '--ref=aisess', 'list']).split('\n')[0]!.split(' ')[1]!;
  const aisess = [process.execPath, cliEntry()];
  const rows = [
    time([...aisess, 'log'], 'aisess log'),
    time([...aisess, 'log', '--json'], 'aisess log --json'),
    time(['git', 'log', '--notes=aisess', '--format=%h %cs %N'], 'git log --notes=aisess'),
    time([...aisess, 'log', '-n', '20'], 'aisess log -n 20'),
    time(['git', 'log', '-n', '60', '--notes=aisess', '--format=%h %cs %N'], 'git log -n 60 --notes=aisess'),
    time([...aisess, 'show', target], 'aisess show <commit>'),
    time(['git', 'notes', '--ref=aisess', 'show', target], 'git notes show <commit>'),
    time([...aisess, '--version'], 'aisess --version (start-up)'),
  ];
  const base = new Map([['aisess log', 'git log --notes=aisess'], ['aisess log --json', 'git log --notes=aisess'], ['aisess log -n 20', 'git log -n 60 --notes=aisess'], ['aisess show <commit>', 'git notes show <commit>']]);
  const ms = new Map(rows.map((r) => [r.label, r.ms]));
  console.log(`median of ${runs} runs`);
  for (const r of rows) {
    const ref = base.get(r.label);
    const ratio = ref ? `  ${(r.ms / ms.get(ref)!).toFixed(2)}x ${ref}` : '';
    console.log(`${r.label.padEnd(30)} ${r.ms.toFixed(0).padStart(6)} ms  ${String(r.bytes).padStart(9)} B${ratio}`);
  }
  // BENCH_KEEP=<dir> keeps a copy of the repository for profiling.
  if (process.env.BENCH_KEEP) spawnSync('cp', ['-r', `${work}/.`, process.env.BENCH_KEEP]);
} finally {
  rmSync(work, { recursive: true, force: true });
}
