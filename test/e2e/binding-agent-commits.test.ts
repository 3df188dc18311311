/**
 * Scenario table, commits made while the agent runs: the agent committing twice in one shell call,
 * an agent commit followed at once by the user's; and `aisess show` right after a commit, which
 * waits (bounded) for the binders in flight instead of missing the note.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeTree } from '../helpers/git.js';
import { cli, setup, sh, shell } from '../helpers/scenario.js';
import { agent, assertRecords, Labels, quit, segmentsOf, session, waiting, waitPending } from './binding-harness.js';
import { sleep } from '../helpers/wait.js';

test('1d. the agent commits twice in one shell call: the first commit gets a, the second b', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const term = agent(t, sb, repo, [
    { prompt: 'change a and b' }, { write: { path: 'a.txt', content: 'a1\n' } }, { wait: 1500 }, { write: { path: 'b.txt', content: 'b1\n' } },
    { say: 'WROTE-BOTH' }, { waitPrompt: true },
    { run: 'git add a.txt && git commit -qm a && git add b.txt && git commit -qm b' }, { say: 'COMMITTED-BOTH' }, { waitPrompt: true },
  ]);
  await term.waitFor('WROTE-BOTH');
  const seg = segmentsOf(await waitPending(sb, repo, ['a.txt', 'b.txt']));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  assert.ok(a < b, 'two writes 1.5 s apart are two segments');
  const mark = term.mark();
  term.write('commit them one by one\r');
  await term.waitFor('COMMITTED-BOTH', { after: mark });
  await quit(term);
  const labels = new Labels();
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, b] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [b, Infinity], says: [/WROTE-BOTH/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('1e. an agent commit followed at once by the user\'s commit of another file: each gets its own', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const term = agent(t, sb, repo, [
    { prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'ANSWER-A' }, { wait: 1200 },
    { prompt: 'change b' }, { write: { path: 'b.txt', content: 'b1\n' } }, { say: 'ANSWER-B' }, { waitPrompt: true },
    { run: 'git add a.txt && git commit -qm agent-a' }, { say: 'AGENT-COMMITTED' }, { waitPrompt: true },
  ]);
  await term.waitFor('ANSWER-B');
  const seg = segmentsOf(await waitPending(sb, repo, ['a.txt', 'b.txt']));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  term.write('commit a\r');
  // The user commits b the moment the agent's commit is there (retrying while its git holds the index lock).
  await shell(sb, repo, `n=0
until [ "$(git log -1 --format=%s)" = agent-a ]; do n=$((n+1)); [ $n -lt 600 ] || exit 3; sleep 0.05; done
n=0
until git add b.txt 2>/dev/null && git commit -qm user-b 2>/dev/null; do n=$((n+1)); [ $n -lt 100 ] || exit 4; sleep 0.05; done`);
  await term.waitFor('AGENT-COMMITTED');
  await quit(term);
  assert.equal(await shell(sb, repo, 'git log -2 --format=%s'), 'user-b\nagent-a');
  const labels = new Labels();
  // The turn that only committed changed nothing in the tree: no later turn binds, so its talk goes nowhere.
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, b], says: [/ANSWER-A/], never: [/ANSWER-B|AGENT-COMMITTED/] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [b, Infinity], says: [/ANSWER-B/], never: [/ANSWER-A|AGENT-COMMITTED/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('4b. commits from another terminal while the agent works: a hand-made file gets nothing, the agent\'s changes each bind to their commit', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const term = agent(t, sb, repo, [
    { prompt: 'change a, then later b' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'A-WRITTEN' }, { wait: 6000 },
    { write: { path: 'b.txt', content: 'b1\n' } }, { say: 'B-WRITTEN' }, { waitPrompt: true },
  ]);
  await term.waitFor('A-WRITTEN');
  const a = segmentsOf(await waitPending(sb, repo, ['a.txt']))('a.txt')[0]!;
  writeTree(repo, { 'c.txt': 'by hand\n' });
  // A user takes a moment to type the commit (a hand edit seen just now in a turn is credited provisionally).
  await sleep(2000);
  await shell(sb, repo, "git add c.txt && git commit -qm 'c, by hand' && git commit -qm a -- a.txt");
  assert.doesNotMatch(term.output(), /B-WRITTEN/, 'both commits were made while the agent worked');
  await term.waitFor('B-WRITTEN', { timeoutMs: 30_000 });
  const b = segmentsOf(await waitPending(sb, repo, ['b.txt']))('b.txt')[0]!;
  await sh(sb, repo, ['commit', '-qam', 'b']);
  await quit(term);
  const labels = new Labels();
  // One turn: its talk segments (if an answer landed apart from its change) go with every commit its changes bound to.
  await assertRecords(sb, repo, labels, {
    'HEAD~2': { changed: [] },
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/A-WRITTEN/] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [a, Infinity], says: [/B-WRITTEN/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

/** `aisess show HEAD --json` once, right after the commit: it must already hold the segment. */
async function showNow(sb: Parameters<typeof cli>[0], repo: string): Promise<string[]> {
  const r = await cli(sb, repo, ['show', 'HEAD', '--json']);
  assert.equal(r.status, 0, `show right after the commit: ${r.status} ${r.stderr}`);
  const shown = JSON.parse(r.stdout) as { segments: { paths: { path: string; bound: string }[] }[] };
  return shown.segments.flatMap((s) => s.paths.map((p) => `${p.path}:${p.bound}`));
}

test('7a. after the session: show right after git commit has the segment on its first call', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, [{ prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'ANSWER-A' }]);
  await shell(sb, repo, 'git commit -qam a');
  assert.deepEqual(await showNow(sb, repo), ['a.txt:full']);
});

test('7b. during the session: show right after git commit has the segment on its first call', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const term = agent(t, sb, repo, [{ prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'ANSWER-A' }, { waitPrompt: true }]);
  await term.waitFor('ANSWER-A');
  await waitPending(sb, repo, ['a.txt']);
  await shell(sb, repo, 'git commit -qam a');
  assert.deepEqual(await showNow(sb, repo), ['a.txt:full']);
  await quit(term);
});
