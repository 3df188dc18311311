/**
 * Issue 3 end to end, after the session: the real `aisess run` with a fake agent, then commits,
 * amends and rebases bound by the git hooks it installed; unrelated commits, expiry, no repository.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Step } from '../../fixtures/lib/script.mjs';
import { writeTree } from '../helpers/git.js';
import {
  boundPaths, cli, eventually, notesOn, pendingIn, pendingPaths, runAgent, sandbox, sh, type BoundSegment, type Sandbox,
  onCleanup, setup, hookLogLines, warmBinder,
} from '../helpers/scenario.js';
import { tempDir } from '../helpers/git.js';
import { bindersInFlight, waitForBinders } from '../../src/bind/in-flight.js';


/** Runs the agent through its script to the end; returns what it printed. */
async function session(sb: Sandbox, cwd: string, script: Step[]): Promise<string> {
  const t = runAgent(sb, cwd, [...script, { wait: 1500 }]);
  onCleanup(() => void t.dispose(), true);
  assert.deepEqual(await t.exited, { code: 0 });
  return t.output();
}

const waitNotes = (sb: Sandbox, repo: string, rev: string, test: (n: BoundSegment[]) => boolean) => eventually(() => notesOn(sb, repo, rev), test, 30_000, repo);

const editAB: Step[] = [
  { prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }, { wait: 2000 },
  { prompt: 'change b' }, { write: { path: 'b.txt', content: 'b1\n' } },
];

test('4 and 5. after the session: the hook binds; amend carries the note and binds what it adds', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  const out = await session(sb, repo, editAB);
  assert.match(out, /installed git hooks/, 'first use in a repository says so in one line');
  const pending = await pendingIn(sb, repo);
  assert.deepEqual(pendingPaths(pending).map((p) => p.replace(/^\d+:/, '')), ['a.txt', 'b.txt']);
  assert.equal(pending[0]!.live, false);
  const id = pending[0]!.session;
  const status = await cli(sb, repo, ['status']);
  assert.match(status.stdout, /not yet committed:\n {4}a\.txt\n/);

  await sh(sb, repo, ['commit', '-qm', 'a', '--', 'a.txt']);
  const first = await waitNotes(sb, repo, 'HEAD', (n) => n.length >= 1);
  assert.deepEqual(boundPaths(first), ['a.txt:full']);
  assert.ok(first.every((n) => n.session === id));
  assert.deepEqual(pendingPaths(await pendingIn(sb, repo)).map((p) => p.replace(/^\d+:/, '')), ['b.txt']);

  await sh(sb, repo, ['commit', '-q', '--amend', '-am', 'a and b']);
  const amended = await waitNotes(sb, repo, 'HEAD', (n) => boundPaths(n).length >= 2);
  assert.deepEqual(boundPaths(amended), ['a.txt:full', 'b.txt:full']);
  assert.deepEqual(await pendingIn(sb, repo), []);
  const raw = await sh(sb, repo, ['notes', '--ref=aisess', 'show', 'HEAD']);
  assert.match(raw, /^# aisess /, 'plain git shows the human summary first');
});

test('after the session a warm binder waits: the first commit the user makes is bound at once by it, not by a cold binder', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  // Ten minutes, the default (the suite's global config says 5 s).
  await sh(sb, repo, ['config', 'aisess.warmBinder', '10m']);
  await session(sb, repo, editAB);
  await warmBinder(repo);
  // The session's own last binder has left: on a loaded machine it can still run when the user
  // commits, and take the commit itself, which is right, but not the path this test is about.
  const store = join(repo, '.git', 'aisess');
  await waitForBinders(store, 30_000);
  assert.deepEqual(await bindersInFlight(store), [], 'the session\'s last binder is done');
  await sh(sb, repo, ['commit', '-qm', 'a', '--', 'a.txt']);
  const head = (await sh(sb, repo, ['rev-parse', 'HEAD'])).trim();
  assert.deepEqual(boundPaths(await waitNotes(sb, repo, 'HEAD', (n) => n.length >= 1)), ['a.txt:full']);
  const lines = await hookLogLines(repo, head.slice(0, 12));
  assert.match(lines.join('\n'), /^\S+ post-commit \w+: bound .* \(warm\)$/m);
  assert.equal(lines.length, 1, lines.join('\n'));
});

test('6. rebase onto a moved main carries the notes, every record decodes', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  await sh(sb, repo, ['checkout', '-qb', 'topic']);
  await session(sb, repo, editAB);
  await sh(sb, repo, ['commit', '-qm', 'a', '--', 'a.txt']);
  await waitNotes(sb, repo, 'HEAD', (n) => n.length >= 1);
  await sh(sb, repo, ['commit', '-qm', 'b', '--', 'b.txt']);
  const before = [await waitNotes(sb, repo, 'HEAD~1', (n) => n.length >= 1), await waitNotes(sb, repo, 'HEAD', (n) => n.length >= 1)];
  await sh(sb, repo, ['checkout', '-q', 'main']);
  writeTree(repo, { 'c.txt': 'c\n' });
  await sh(sb, repo, ['add', 'c.txt']);
  await sh(sb, repo, ['commit', '-qm', 'c on main']);
  await sh(sb, repo, ['checkout', '-q', 'topic']);
  const old = await sh(sb, repo, ['rev-parse', 'HEAD']);
  await sh(sb, repo, ['rebase', '-q', 'main']);
  assert.notEqual(await sh(sb, repo, ['rev-parse', 'HEAD']), old);
  assert.deepEqual([await notesOn(sb, repo, 'HEAD~1'), await notesOn(sb, repo, 'HEAD')], before);
  // An interactive rebase that squashes the two: concatenated notes, both segments readable.
  const editor = `sed -i -e '2s/^pick/squash/' "$1"`;
  await sh(sb, repo, ['-c', `sequence.editor=sh -c '${editor.replace(/'/g, "'\\''")}' --`, '-c', 'core.editor=true', 'rebase', '-q', '-i', 'main']);
  assert.deepEqual(boundPaths(await notesOn(sb, repo, 'HEAD')), ['a.txt:full', 'b.txt:full']);
  assert.equal(await sh(sb, repo, ['rev-list', '--count', 'main..HEAD']), '1');
});

test('9. a commit with no relation to the session gets nothing; what the session changed stays pending', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  await session(sb, repo, [{ prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }]);
  writeTree(repo, { 'other.txt': 'by hand\n' });
  await sh(sb, repo, ['add', 'other.txt']);
  await sh(sb, repo, ['commit', '-qm', 'unrelated']);
  // Not a wait and hope: status binds whatever the hook's binder has not (under the same lock), so
  // "nothing on HEAD" below is what binding decided, not a binder that had not run yet.
  assert.equal((await cli(sb, repo, ['status'])).status, 0);
  assert.deepEqual(await notesOn(sb, repo, 'HEAD'), []);
  assert.deepEqual(pendingPaths(await pendingIn(sb, repo)).map((p) => p.replace(/^\d+:/, '')), ['a.txt']);
});

test('10. partial staging: the segment binds with the staged part and again with the rest', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  // One shell command writes both: they land in one scan, so in one segment. Its tool call reaches
  // the journal after the change does: attribution goes by transcript times (src/segment/attribution.ts).
  await session(sb, repo, [{ prompt: 'change a and b' }, { run: "printf 'a1\\n' > a.txt && printf 'b1\\n' > b.txt" }]);
  const pending = await pendingIn(sb, repo);
  const segs = new Set(pendingPaths(pending).map((p) => p.split(':')[0]));
  assert.equal(segs.size, 1, `one segment changed both: ${JSON.stringify(pending)}`);
  await sh(sb, repo, ['commit', '-qm', 'a', '--', 'a.txt']);
  const first = await waitNotes(sb, repo, 'HEAD', (n) => n.length >= 1);
  // The record names every path of the segment, and whether this commit holds it (null: not here).
  assert.deepEqual(boundPaths(first), ['a.txt:full', 'b.txt:null']);
  assert.deepEqual(pendingPaths(await pendingIn(sb, repo)).map((p) => p.replace(/^\d+:/, '')), ['b.txt']);
  await sh(sb, repo, ['commit', '-qam', 'b']);
  const second = await waitNotes(sb, repo, 'HEAD', (n) => n.length >= 1);
  const withPaths = (notes: readonly BoundSegment[]) => notes.filter((n) => n.paths.some((p) => p.endsWith(':full'))).map((n) => n.index);
  assert.deepEqual(withPaths(second), withPaths(first), 'the same segment, bound again');
  assert.deepEqual(boundPaths(second), ['a.txt:null', 'b.txt:full']);
  assert.deepEqual(await pendingIn(sb, repo), []);
});

test('expiry: with aisess.pendingExpiry 1s a change nobody committed stops waiting', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  await session(sb, repo, [{ prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }]);
  assert.deepEqual(pendingPaths(await pendingIn(sb, repo)).map((p) => p.replace(/^\d+:/, '')), ['a.txt']);
  await sh(sb, repo, ['config', 'aisess.pendingExpiry', '1s']);
  const expired = await eventually(() => pendingIn(sb, repo), (e) => e.length === 0, 15_000, repo);
  assert.deepEqual(pendingPaths(expired), [], `expired changes are not listed as waiting: ${JSON.stringify(expired)}`);
  const shown = await cli(sb, repo, ['status']);
  assert.match(shown.stdout, /a\.txt stopped waiting \d+s ago: waited longer than aisess\.pendingExpiry/);
  await sh(sb, repo, ['commit', '-qam', 'a, late']);
  await eventually(() => pendingIn(sb, repo), (p) => p.length === 0, 30_000, repo);
  assert.deepEqual(await pendingIn(sb, repo), []);
  assert.deepEqual(await notesOn(sb, repo, 'HEAD'), []);
});

test('12. not a repository: aisess run works, records to the state dir, no hooks, no warning about binding', { timeout: 120_000 }, async () => {
  const sb = sandbox();
  onCleanup(sb.cleanup);
  const dir = tempDir('aisess-norepo-');
  onCleanup(dir.cleanup);
  const out = await session(sb, dir.path, [{ prompt: 'write a file' }, { write: { path: 'f.txt', content: 'x\n' } }]);
  assert.doesNotMatch(out, /aisess:|hooks|binding/);
  assert.equal(existsSync(join(dir.path, '.git')), false);
  const sessions = readdirSync(join(sb.home, 'state'), { recursive: true }).map(String);
  assert.ok(sessions.some((p) => /\.(cast|jsonl|zst)|journal/.test(p)), `a journal in the state dir: ${sessions.join(', ')}`);
  const r = await cli(sb, dir.path, ['status']);
  assert.equal(r.status, 67, r.stderr);
});
