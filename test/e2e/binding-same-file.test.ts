/**
 * Scenario table, one file changed by several hands: a segment owns the lines its change added and
 * removed, so a commit takes it only when its own diff holds some of those lines. A hand edit, a
 * teammate's pulled commit and a pre-session hunk in the same file never pull it along; two turns'
 * hunks in one file bind one by one; a line one agent wrote and another overwrote is nobody's to bind.
 * (One segment's hunks staged in part: binding-topology.test.ts.)
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir, writeTree } from '../helpers/git.js';
import { cli, eventually, onCleanup, pendingIn, sh, shell, statusReport, setup } from '../helpers/scenario.js';
import { agent, assertRecords, edited, Labels, preSessionHunk, quit, segmentsOf, session, stage, tenLines, waiting, waitPending } from './binding-harness.js';

/**
 * A hand edit a live session sees while its agent is in a turn is credited provisionally until the
 * transcript is surely read (about 1.5 s): a user takes longer than that to type the commit.
 */
const userPause = () => new Promise((r) => setTimeout(r, 2000));

test('2a. the agent\'s change is rejected with git restore, a hand edit of the file is committed: nothing binds, the change is discarded', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': 'a0\n', 'b.txt': 'b0\n' });
  const term = agent(t, sb, repo, [{ prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'ANSWER-A' }, { waitPrompt: true }]);
  await term.waitFor('ANSWER-A');
  await waitPending(sb, repo, ['a.txt']);
  // The user reads the change before rejecting it (an edit within a second of the agent's Write is the Write's).
  await userPause();
  await sh(sb, repo, ['restore', 'a.txt']);
  writeTree(repo, { 'a.txt': 'a0\nby hand\n' });
  await userPause();
  await sh(sb, repo, ['commit', '-qam', 'by hand']);
  await quit(term);
  const labels = new Labels();
  const report = await statusReport(sb, repo);
  assert.deepEqual(report.sessions.map((s) => ({ waiting: s.segments, settled: s.settled.map((c) => `${c.path}:${c.reason}`) })), [{ waiting: [], settled: ['a.txt:discarded'] }]);
  const text = await cli(sb, repo, ['status']);
  assert.match(text.stdout, /a\.txt stopped waiting \d+s ago: no longer in the working tree, the index, HEAD or a stash/);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [] } });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('2b. a teammate\'s commit pulled with stash, pull, stash pop during the session: it gets nothing, the user\'s commit of the popped change gets the segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': tenLines, 'b.txt': 'b0\n' });
  const dir = tempDir('aisess-binding-up-');
  onCleanup(dir.cleanup);
  const [up, mate] = [join(dir.path, 'up.git'), join(dir.path, 'mate')];
  await sh(sb, dir.path, ['clone', '-q', '--bare', repo, up]);
  await shell(sb, repo, `git remote add origin '${up}' && git fetch -q origin && git branch -q -u origin/main`);
  await sh(sb, dir.path, ['clone', '-q', up, mate]);
  const term = agent(t, sb, repo, [
    { prompt: 'change line 9' }, { write: { path: 'a.txt', content: edited({ 9: 'line 9 by the agent' }) } }, { say: 'ANSWER-A' }, { waitPrompt: true },
  ]);
  await term.waitFor('ANSWER-A');
  const a = segmentsOf(await waitPending(sb, repo, ['a.txt']))('a.txt')[0]!;
  // Well after the agent's Write (a file written within a second of it is the Write's).
  await userPause();
  writeTree(mate, { 'a.txt': edited({ 2: 'line 2 by a teammate' }) });
  await shell(sb, mate, 'git commit -qam teammate && git push -q origin main');
  await shell(sb, repo, 'git stash -q && git pull -q && git stash pop -q');
  assert.equal(await shell(sb, repo, 'cat a.txt'), edited({ 2: 'line 2 by a teammate', 9: 'line 9 by the agent' }).trimEnd());
  await userPause();
  await sh(sb, repo, ['commit', '-qam', 'mine']);
  await quit(term);
  const labels = new Labels();
  assert.equal(await sh(sb, repo, ['log', '-1', '--format=%s', 'HEAD~1']), 'teammate');
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [] },
    HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-A/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('2c. a pre-session hunk in the file the agent edits: committing only that hunk binds nothing, the rest binds the segment', { timeout: 120_000 }, async (t) => {
  await preSessionHunk(t);
});

test('2d. one file edited in two turns, far-apart hunks: committing the second turn\'s hunk binds only the second segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': tenLines, 'b.txt': 'b0\n' });
  await session(t, sb, repo, [
    { prompt: 'turn 1: change line 2' }, { write: { path: 'a.txt', content: edited({ 2: 'line 2 turn 1' }) } }, { say: 'ANSWER-1' }, { wait: 1200 },
    { prompt: 'turn 2: change line 9' }, { write: { path: 'a.txt', content: edited({ 2: 'line 2 turn 1', 9: 'line 9 turn 2' }) } }, { say: 'ANSWER-2' },
  ]);
  const labels = new Labels();
  const [s1, s2] = segmentsOf(await waitPending(sb, repo, ['a.txt']))('a.txt');
  assert.ok(s1 !== undefined && s2 !== undefined, 'two segments change a.txt');
  await stage(sb, repo, 'a.txt', edited({ 9: 'line 9 turn 2' }));
  await sh(sb, repo, ['commit', '-qm', 'turn 2 only']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${s2} a.txt:full`], talk: [s2, Infinity], says: [/ANSWER-2/], never: [/ANSWER-1/] } });
  assert.deepEqual(await waiting(sb, repo, labels), [`S:${s1}:a.txt`]);
  await sh(sb, repo, ['commit', '-qam', 'turn 1']);
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${s2} a.txt:full`], talk: [s2, Infinity] },
    HEAD: { changed: [`S:${s1} a.txt:full`], talk: [s1, s2], says: [/ANSWER-1/], never: [/ANSWER-2/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('2e. a line Claude added, overwritten by a later Codex session: the commit gets only Codex\'s segment, Claude\'s change stops waiting', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': tenLines, 'b.txt': 'b0\n' });
  const withClaude = tenLines.replace('line 5\n', 'line 5\nadded by claude\n');
  await session(t, sb, repo, [{ prompt: 'add a line after 5' }, { write: { path: 'a.txt', content: withClaude } }, { say: 'ANSWER-CLAUDE' }], 'claude');
  const labels = new Labels();
  const [claude] = await waitPending(sb, repo, ['a.txt']);
  labels.set(claude!.session, 'C');
  await session(t, sb, repo, [
    { prompt: 'rewrite that line' }, { write: { path: 'a.txt', content: withClaude.replace('added by claude', 'rewritten by codex') } }, { say: 'ANSWER-CODEX' },
  ], 'codex');
  const entries = await eventually(() => pendingIn(sb, repo), (e) => e.some((s) => s.session !== claude!.session), 20_000, repo);
  const codex = entries.find((e) => e.session !== claude!.session)!;
  labels.set(codex.session, 'X');
  const x = segmentsOf(entries)('a.txt', codex.session)[0]!;
  await sh(sb, repo, ['commit', '-qam', 'the line as it stands']);
  await assertRecords(sb, repo, labels, {
    HEAD: { changed: [`X:${x} a.txt:full`], talk: [x, Infinity], says: [/ANSWER-CODEX/], never: [/ANSWER-CLAUDE/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
  const report = await statusReport(sb, repo);
  const settled = report.sessions.find((s) => s.session === claude!.session)?.settled.map((c) => `${c.path}:${c.reason}`);
  assert.deepEqual(settled, ['a.txt:discarded']);
});
