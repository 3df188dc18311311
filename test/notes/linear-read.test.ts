/**
 * `aisess log` reads note blobs in time linear in their size: reading a blob through cat-file used
 * to join every pipe chunk to all before it (a 75 MB note took 25.7 s; git reads it in 0.4 s).
 * Compared as a ratio of two sizes, never as absolute times.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readHeadlines } from '../../src/notes/read.js';
import { renderSummaryLine } from '../../src/notes/summary-line.js';
import { git } from '../helpers/git.js';
import { addNotesFast, manyCommits, open, record, tempRepos } from './helpers.js';

const { repoWith } = tempRepos();
const MB = 1024 ** 2;

function noteOf(id: string, bytes: number): string {
  const r = record(id);
  const filler = `${'x'.repeat(1023)}\n`.repeat(Math.ceil(bytes / 1024));
  return `${renderSummaryLine(r.id, r.summary)}\n${filler}`;
}

async function fastest(dir: string, commit: string, runs = 3): Promise<number> {
  const repo = await open(dir);
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const heads = await readHeadlines(repo, [commit]);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
    assert.deepEqual(heads.get(commit)?.map((h) => h.id), ['s:0']);
  }
  return best;
}

test('log reads a note 16 times larger in at most about 16 times the time, not 256', async () => {
  const dir = repoWith();
  const [small, large] = manyCommits(dir, 2);
  addNotesFast(dir, [[small!, noteOf('s:0', 4 * MB)], [large!, noteOf('s:0', 64 * MB)]]);
  assert.ok(Number(git(dir, ['cat-file', '-s', `refs/notes/aisess:${large}`])) > 64 * MB);
  const [a, b] = [await fastest(dir, small!), await fastest(dir, large!, 2)];
  // Linear is at most 16 (less with fixed costs); quadratic reading made it over 60.
  assert.ok(b / a < 32, `4 MB note read in ${a.toFixed(0)} ms, 64 MB in ${b.toFixed(0)} ms: ratio ${(b / a).toFixed(1)}`);
});
