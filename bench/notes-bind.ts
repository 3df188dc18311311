/**
 * Binding cost against the number of notes already on refs/notes/aisess (DESIGN: "does not grow
 * with the number of notes"), plus the read side `aisess log` needs. Not a timed test: prints a table.
 * Run: node --import tsx bench/notes-bind.ts [100,1000,10000,30000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openRepo } from '../src/git/repo.js';
import { appendRecords, listNotedCommits, readHeadlines, renderNote, type NoteRecord } from '../src/notes/index.js';

const env = { ...process.env, GIT_AUTHOR_NAME: 'B', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'B', GIT_COMMITTER_EMAIL: 'b@x', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const sizes = (process.argv[2] ?? '100,1000,10000,30000').split(',').map(Number);
const BINDS = 15;

const record = (id: string, i: number): NoteRecord => ({
  id,
  summary: { time: 1_795_611_720_000 + i * 60_000, agent: 'claude', durationMs: 192_000, title: `segment ${id}`, files: 3 },
  body: { events: Array.from({ length: 40 }, (_, k) => ({ t: k, kind: 'text', text: `answer ${k} for ${id}` })) },
});

/** A repository with `n + BINDS` commits, the first n noted, built by one `git fast-import` (git fans the tree out). */
function build(dir: string, n: number): string[] {
  execFileSync('git', ['init', '-q', dir], { env });
  const note = renderNote([record('seed:0', 0)]);
  const out: string[] = [`blob`, `mark :1`, `data ${Buffer.byteLength(note)}`, note];
  for (let i = 1; i <= n + BINDS; i++) {
    out.push(`commit refs/heads/main`, `mark :${i + 1}`, `committer B <b@x> ${1_767_225_600 + i} +0000`, 'data 1', 'c');
    if (i > 1) out.push(`from :${i}`);
    out.push(`M 644 inline f`, `data ${String(i).length}`, String(i), '');
  }
  out.push(`commit refs/notes/aisess`, `committer B <b@x> 1767225600 +0000`, 'data 5', 'seed', '');
  for (let i = 1; i <= n; i++) out.push(`N :1 :${i + 1}`);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: `${out.join('\n')}\n`, env, maxBuffer: 1 << 30 });
  return execFileSync('git', ['rev-list', '--reverse', 'main'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 }).trim().split('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

const rows: string[][] = [['notes', 'aisess bind (median)', 'git notes add (median)', 'listNotedCommits', 'readHeadlines(all)']];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'aisess-bench-'));
  try {
    const commits = build(dir, n);
    const repo = await openRepo(dir, { env });
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < BINDS; i++) {
      const c = commits[n + i]!;
      ours.push((await time(() => appendRecords(repo, c, [record(`s:${i}`, i)])))[0]);
      theirs.push((await time(() => execFileSync('git', ['notes', '--ref=bench', 'add', '-f', '-m', 'x', c], { cwd: dir, env })))[0]);
    }
    const [listMs, index] = await time(() => listNotedCommits(repo));
    const [headMs] = await time(() => readHeadlines(repo));
    rows.push([String(index.size), `${median(ours).toFixed(1)} ms`, `${median(theirs).toFixed(1)} ms`, `${listMs.toFixed(0)} ms`, `${headMs.toFixed(0)} ms`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
