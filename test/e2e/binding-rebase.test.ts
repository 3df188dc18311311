/**
 * Scenario table, rebases and pulls: an interactive squash/fixup carries every segment the squashed
 * commit holds (git concatenates the notes; every record still decodes); a `git pull --rebase` over a
 * teammate's commit moves the segment to the rebased commit; a teammate's commit pulled while the
 * session runs was not made in its working tree and gets nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir, writeTree } from '../helpers/git.js';
import { onCleanup, pendingIn, setup, sh, shell } from '../helpers/scenario.js';
import { agent, assertRecords, Labels, quit, segmentsOf, session, turns, waiting, waitPending } from './binding-harness.js';
import { sleep } from '../helpers/wait.js';

test('3e. rebase -i: pick, squash, fixup of three annotated commits: the one commit carries all three segments, every record decodes', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await sh(sb, repo, ['checkout', '-qb', 'topic']);
  await session(t, sb, repo, turns(['a.txt', 'b.txt', 'c.txt']));
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const [a, b, c] = [seg('a.txt')[0]!, seg('b.txt')[0]!, seg('c.txt')[0]!];
  await shell(sb, repo, 'git commit -qm a -- a.txt && git commit -qm b -- b.txt && git add c.txt && git commit -qm c');
  await assertRecords(sb, repo, labels, {
    'HEAD~2': { changed: [`S:${a} a.txt:full`], talk: [a, b] },
    'HEAD~1': { changed: [`S:${b} b.txt:full`], talk: [b, c] },
    HEAD: { changed: [`S:${c} c.txt:full`], talk: [c, Infinity] },
  });
  const editor = `sed -i -e '2s/^pick/squash/' -e '3s/^pick/fixup/' "$1"`;
  await sh(sb, repo, ['-c', `sequence.editor=sh -c '${editor.replace(/'/g, "'\\''")}' --`, '-c', 'core.editor=true', 'rebase', '-q', '-i', 'main']);
  assert.equal(await sh(sb, repo, ['rev-list', '--count', 'main..HEAD']), '1');
  await assertRecords(sb, repo, labels, {
    HEAD: { changed: [`S:${a} a.txt:full`, `S:${b} b.txt:full`, `S:${c} c.txt:full`], talk: [a, Infinity], says: [/ANSWER-1/, /ANSWER-2/, /ANSWER-3/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

/** A bare upstream the repository tracks, and a teammate's clone of it. */
async function upstream(sb: Parameters<typeof sh>[0], repo: string): Promise<string> {
  const dir = tempDir('aisess-binding-up-');
  onCleanup(dir.cleanup);
  const [up, mate] = [join(dir.path, 'up.git'), join(dir.path, 'mate')];
  await sh(sb, dir.path, ['clone', '-q', '--bare', repo, up]);
  await shell(sb, repo, `git remote add origin '${up}' && git fetch -q origin && git branch -q -u origin/main`);
  await sh(sb, dir.path, ['clone', '-q', up, mate]);
  return mate;
}

test('3f. git pull --rebase over a teammate\'s pushed commit: the rebased commit keeps the segment, the teammate\'s gets nothing', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const mate = await upstream(sb, repo);
  await session(t, sb, repo, turns(['a.txt']));
  const labels = new Labels();
  const a = segmentsOf(await pendingIn(sb, repo))('a.txt')[0]!;
  await sh(sb, repo, ['commit', '-qam', 'a']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity] } });
  writeTree(mate, { 'c.txt': 'by a teammate\n' });
  await shell(sb, mate, 'git add c.txt && git commit -qm teammate && git push -q origin main');
  const before = await sh(sb, repo, ['rev-parse', 'HEAD']);
  await sh(sb, repo, ['pull', '-q', '--rebase']);
  assert.notEqual(await sh(sb, repo, ['rev-parse', 'HEAD']), before);
  assert.equal(await sh(sb, repo, ['log', '-1', '--format=%s', 'HEAD~1']), 'teammate');
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [] },
    HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-1/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('3g. a plain git pull of a teammate\'s commit (another file) while the session runs: the teammate\'s commit gets nothing', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const mate = await upstream(sb, repo);
  const term = agent(t, sb, repo, [{ prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'ANSWER-A' }, { waitPrompt: true }]);
  await term.waitFor('ANSWER-A');
  const a = segmentsOf(await waitPending(sb, repo, ['a.txt']))('a.txt')[0]!;
  writeTree(mate, { 'c.txt': 'by a teammate\n' });
  await shell(sb, mate, 'git add c.txt && git commit -qm teammate && git push -q origin main');
  await sh(sb, repo, ['pull', '-q']);
  // A user takes a moment to type the commit (a hand edit seen just now in a turn is credited provisionally).
  await sleep(2000);
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
