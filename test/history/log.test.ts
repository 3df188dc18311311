import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openRepo } from '../../src/git/repo.js';
import { logCommits } from '../../src/history/log.js';
import { renderNote } from '../../src/notes/index.js';
import { git, gitEnv, tempRepo, writeTree } from '../helpers/git.js';

const repo = tempRepo({ 'f.txt': '0\n' });
after(() => repo.cleanup());
const commits = [git(repo.path, ['rev-parse', 'HEAD'])];
for (let i = 1; i < 10; i++) {
  writeTree(repo.path, { 'f.txt': `${i}\n` });
  git(repo.path, ['commit', '-qam', `c${i}`]);
  commits.push(git(repo.path, ['rev-parse', 'HEAD']));
}
// Notes on the two oldest commits and the newest, written by plain git (as a fetch would bring them).
for (const [n, c] of [commits[0]!, commits[1]!, commits[9]!].entries()) {
  const text = renderNote([{ id: `s:${n}`, summary: { time: Date.UTC(2026, 0, 1), agent: 'claude', durationMs: 1000, title: `t${n}`, files: 1 }, body: {} }]);
  git(repo.path, ['notes', '--ref=aisess', 'add', '-F', '-', c], text);
}

const rows: { name: string; opts: Parameters<typeof logCommits>[1]; expected: string[] }[] = [
  { name: 'everything, newest first', opts: {}, expected: [commits[9]!, commits[1]!, commits[0]!] },
  { name: 'a range', opts: { revisions: [`${commits[0]}..${commits[8]}`] }, expected: [commits[1]!] },
  { name: 'two revisions', opts: { revisions: [commits[1]!, `^${commits[0]}`] }, expected: [commits[1]!] },
  { name: '-n within the first walk', opts: { limit: 1, firstWalk: 3 }, expected: [commits[9]!] },
  { name: '-n beyond the first walk walks the rest', opts: { limit: 2, firstWalk: 3 }, expected: [commits[9]!, commits[1]!] },
  { name: '-n larger than what exists', opts: { limit: 5, firstWalk: 3 }, expected: [commits[9]!, commits[1]!, commits[0]!] },
];
for (const row of rows) {
  test(`logCommits: ${row.name}`, async () => {
    const r = await openRepo(repo.path, { env: gitEnv });
    const entries = await logCommits(r, row.opts);
    assert.deepEqual(entries.map((e) => e.commit), row.expected);
    for (const e of entries) {
      assert.equal(e.records.length, 1);
      assert.ok(e.commit.startsWith(e.short) && e.short.length >= 7);
      assert.equal(e.date, Date.UTC(2026, 0, 1));
    }
  });
}

test('logCommits: an unknown revision is a notFound user error', async () => {
  const r = await openRepo(repo.path, { env: gitEnv });
  await assert.rejects(logCommits(r, { revisions: ['nope'] }), { kind: 'notFound', message: "unknown revision or range 'nope'" });
  await assert.rejects(logCommits(r, { revisions: ['--all'] }), { kind: 'usage' });
});
