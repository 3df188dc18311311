/**
 * `aisess sync` against plain git at scale (issue 13): two clones with 10k annotated commits each,
 * 5k of them annotated on both sides (different records, plus one identical record on every fifth),
 * then 10 new notes on the remote (5 on commits both sides annotated, 5 on fresh ones).
 * Compared side by side: `aisess sync --fetch-only` (the built CLI, process start included) and
 * `git fetch` + `git notes merge -s cat_sort_uniq` of the same data, each from a fresh copy of the
 * same clone; the merged notes of both paths are checked equal (record lines per commit).
 * Run: npm run build && node --import tsx bench/sync.ts [notesPerSide=10000] [reps=3]
 * BENCH_TRACE=<file> writes git's GIT_TRACE_PERFORMANCE of the aisess runs there; BENCH_KEEP=1 keeps the repositories.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodePayloadLine } from '../src/notes/payload-line.js';
import { renderSummaryLine } from '../src/notes/summary-line.js';
import type { NoteRecord } from '../src/notes/types.js';
import { cliEntry } from '../test/helpers/cli.js';

const env = { ...process.env, GIT_AUTHOR_NAME: 'B', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'B', GIT_COMMITTER_EMAIL: 'b@x', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const PER_SIDE = Number(process.argv[2] ?? 10_000);
const REPS = Number(process.argv[3] ?? 3);
const OVERLAP = PER_SIDE / 2;
const FRESH = 10;
const TOTAL = PER_SIDE * 2 - OVERLAP + FRESH * REPS;

const sh = (cwd: string, args: string[], input?: string): string =>
  execFileSync('git', args, { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] }).trim();

const record = (id: string, i: number): NoteRecord => ({
  id,
  summary: { time: 1_795_611_720_000 + i * 60_000, agent: i % 3 ? 'claude' : 'codex', durationMs: 192_000, title: `segment ${id}`, files: 3 },
  body: { events: Array.from({ length: 12 }, (_, k) => [k, 'o', `answer ${k} for ${id}\r\n`]), screen: `screen of ${id}` },
});
/** A record's two lines; level 1 keeps building 20k records quick (the merge never decompresses). */
const lines = (id: string, i: number): string[] => {
  const r = record(id, i);
  return [renderSummaryLine(r.id, r.summary), encodePayloadLine(r, 1).line];
};
const noteText = (ls: string[][]): string => `${[...ls.map((l) => l[0]!), ...ls.map((l) => l[1]!)].join('\n')}\n`;

function commits(dir: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    out.push('commit refs/heads/main', `mark :${i}`, `committer B <b@x> ${1_767_225_600 + i} +0000`, 'data 1', 'c');
    if (i > 1) out.push(`from :${i - 1}`);
    out.push('M 644 inline f', `data ${String(i).length}`, String(i), '');
  }
  sh(dir, ['fast-import', '--quiet'], `${out.join('\n')}\n`);
  return sh(dir, ['rev-list', '--reverse', 'main']).split('\n');
}

function addNotes(dir: string, notes: [string, string][], message: string): void {
  const out = ['commit refs/notes/aisess', 'committer B <b@x> 1767225600 +0000', `data ${message.length}`, message];
  if (sh(dir, ['for-each-ref', 'refs/notes/aisess'])) out.push('from refs/notes/aisess^0');
  for (const [c, text] of notes) out.push(`N inline ${c}`, `data ${Buffer.byteLength(text)}`, text);
  sh(dir, ['fast-import', '--quiet'], `${out.join('\n')}\n`);
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const aisessSync = (dir: string) => execFileSync(process.execPath, [cliEntry(), 'sync', '--fetch-only', '--quiet', 'origin'], { cwd: dir, env: { ...env, ...(process.env.BENCH_TRACE && { GIT_TRACE_PERFORMANCE: process.env.BENCH_TRACE }) }, stdio: ['ignore', 'ignore', 'inherit'] });
const gitSync = (dir: string) => {
  sh(dir, ['fetch', '--quiet', 'origin', '+refs/notes/aisess:refs/notes/remotes/origin/aisess']);
  sh(dir, ['notes', '--ref=aisess', 'merge', '-q', '-s', 'cat_sort_uniq', 'refs/notes/remotes/origin/aisess']);
};

/** commit → sorted record lines, via one ls-tree and one cat-file --batch. */
function recordLines(dir: string): Map<string, string> {
  const list = sh(dir, ['notes', '--ref=aisess', 'list']).split('\n').map((l) => l.split(' ') as [string, string]);
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: dir, env, input: `${list.map(([b]) => b).join('\n')}\n`, maxBuffer: 1 << 30 });
  const map = new Map<string, string>();
  let pos = 0;
  for (const [, commit] of list) {
    const nl = out.indexOf(10, pos);
    const size = Number(out.subarray(pos, nl).toString().split(' ')[2]);
    const text = out.subarray(nl + 1, nl + 1 + size).toString();
    pos = nl + 1 + size + 1;
    map.set(commit, [...new Set(text.split('\n').filter(Boolean))].sort().join('\n'));
  }
  return map;
}

function same(a: string, b: string): string {
  const [x, y] = [recordLines(a), recordLines(b)];
  const differ = [...new Set([...x.keys(), ...y.keys()])].filter((c) => x.get(c) !== y.get(c));
  return differ.length === 0 ? `same records on all ${x.size} commits` : `DIFFER on ${differ.length} of ${x.size} commits`;
}

const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number): string => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);

const root = mkdtempSync(join(tmpdir(), 'aisess-bench-sync-'));
try {
  const t0 = performance.now();
  const remote = join(root, 'remote.git');
  sh(root, ['init', '-q', '--bare', '-b', 'main', remote]);
  const ids = commits(remote, TOTAL);
  const [a, b] = [join(root, 'a'), join(root, 'b')];
  sh(root, ['clone', '-q', remote, a]);
  sh(root, ['clone', '-q', remote, b]);
  const shared = (i: number) => (i % 5 === 0 ? [lines(`s-${i}:0`, i)] : []);
  const notesA: [string, string][] = [];
  const notesB: [string, string][] = [];
  for (let i = 0; i < PER_SIDE; i++) notesA.push([ids[i]!, noteText([lines(`a-${i}:0`, i), ...(i >= OVERLAP ? shared(i) : [])])]);
  for (let i = OVERLAP; i < OVERLAP + PER_SIDE; i++) notesB.push([ids[i]!, noteText([lines(`b-${i}:0`, i), ...(i < PER_SIDE ? shared(i) : [])])]);
  addNotes(a, notesA, 'a');
  addNotes(b, notesB, 'b');
  sh(b, ['push', '-q', 'origin', 'refs/notes/aisess:refs/notes/aisess']);
  console.log(`setup: ${TOTAL} commits, ${PER_SIDE} notes per clone, ${OVERLAP} commits noted on both, in ${fmt(performance.now() - t0)}`);

  const full = { ours: [] as number[], git: [] as number[] };
  let last = { ours: '', git: '' };
  for (let rep = 0; rep < REPS; rep++) {
    const [ours, plain] = [join(root, `ours${rep}`), join(root, `git${rep}`)];
    cpSync(a, ours, { recursive: true });
    cpSync(a, plain, { recursive: true });
    full.ours.push(time(() => aisessSync(ours)));
    full.git.push(time(() => gitSync(plain)));
    last = { ours, git: plain };
  }
  const fullCheck = same(last.ours, last.git);

  const incr = { ours: [] as number[], git: [] as number[] };
  for (let rep = 0; rep < REPS; rep++) {
    const add: [string, string][] = [];
    for (let k = 0; k < FRESH / 2; k++) {
      const i = OVERLAP + 97 * (rep * 5 + k) + 1;
      const old = sh(b, ['notes', '--ref=aisess', 'show', ids[i]!]);
      add.push([ids[i]!, `${old}\n${noteText([lines(`b2-${rep}-${k}:0`, i)])}`]);
    }
    for (let k = 0; k < FRESH / 2; k++) add.push([ids[PER_SIDE * 2 - OVERLAP + rep * FRESH + k]!, noteText([lines(`b3-${rep}-${k}:0`, k)])]);
    addNotes(b, add, `b incr ${rep}`);
    sh(b, ['push', '-q', 'origin', 'refs/notes/aisess:refs/notes/aisess']);
    incr.ours.push(time(() => aisessSync(last.ours)));
    incr.git.push(time(() => gitSync(last.git)));
  }
  const incrCheck = same(last.ours, last.git);

  const row = (name: string, t: { ours: number[]; git: number[] }, check: string) =>
    `| ${name} | ${fmt(median(t.ours))} | ${fmt(median(t.git))} | ${(median(t.ours) / median(t.git)).toFixed(2)} | ${check} |`;
  console.log(`\nmedian of ${REPS}; aisess = \`aisess sync --fetch-only\` (built CLI, node start included); git = \`git fetch\` + \`git notes merge -s cat_sort_uniq\`\n`);
  console.log('| sync | aisess | git | aisess / git | result |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(row(`full: ${PER_SIDE} notes each side, ${OVERLAP} on both`, full, fullCheck));
  console.log(row(`incremental: ${FRESH} new notes (${FRESH / 2} on commits noted on both)`, incr, incrCheck));
  console.log(`\nall runs (ms): full aisess ${full.ours.map((x) => x.toFixed(0)).join(', ')}; git ${full.git.map((x) => x.toFixed(0)).join(', ')}; incremental aisess ${incr.ours.map((x) => x.toFixed(0)).join(', ')}; git ${incr.git.map((x) => x.toFixed(0)).join(', ')}`);
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
