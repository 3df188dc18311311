/**
 * Scenarios where the repository is not one session on a branch: two sessions binding one commit
 * at the same moment, a session in a linked worktree, a session on a detached HEAD.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Step } from '../../fixtures/lib/script.mjs';
import { tempDir } from '../helpers/git.js';
import {
  boundPaths, cli, eventually, notesOn, pendingIn, runAgent, sh, summary, type PendingEntry, type Sandbox,
  onCleanup, setup,
} from '../helpers/scenario.js';
import type { OuterTerminal } from '../helpers/term.js';


function start(sb: Sandbox, cwd: string, script: Step[]): OuterTerminal {
  const t = runAgent(sb, cwd, [...script, { waitPrompt: true }]);
  onCleanup(() => void t.dispose(), true);
  return t;
}

async function quit(t: OuterTerminal): Promise<void> {
  t.write('bye\r');
  assert.deepEqual(await t.exited, { code: 0 });
}

const writes = (who: string, path: string): Step[] => [
  { prompt: `session ${who}: write ${path}` }, { think: 200 }, { write: { path, content: `${who}\n` } }, { say: `DONE-${who}` },
];

/** Each pending session's paths, "path…" per session, sorted: what every session claims. */
const claims = (entries: readonly PendingEntry[]) =>
  entries.map((e) => e.segments.flatMap((s) => s.paths.map((p) => p.path)).sort().join('+')).sort();

test('7. two sessions in one repository bind one commit at the same moment: both land, each with its own change', { timeout: 180_000 }, async () => {
  const { sb, repo } = setup();
  const a = start(sb, repo, writes('A', 'a.txt'));
  const b = start(sb, repo, writes('B', 'b.txt'));
  await Promise.all([a.waitFor('DONE-A', { timeoutMs: 60_000 }), b.waitFor('DONE-B', { timeoutMs: 60_000 })]);
  // Each session sees both changes; once its transcript is read, it claims only its agent's.
  const pending = await eventually(() => pendingIn(sb, repo), (e) => claims(e).join() === 'a.txt,b.txt', 30_000, repo);
  assert.deepEqual(claims(pending), ['a.txt', 'b.txt'], JSON.stringify(pending));
  const owner = new Map(pending.map((e) => [e.session, e.segments[0]!.paths[0]!.path === 'a.txt' ? 'A' : 'B']));
  await sh(sb, repo, ['commit', '-qam', 'a and b']);
  // Both live binders and the post-commit hook write the note at once: compare-and-swap, retry.
  const notes = await eventually(() => notesOn(sb, repo, 'HEAD'), (n) => new Set(n.map((s) => s.session)).size >= 2, 30_000, repo);
  const withPaths = summary(notes.filter((n) => n.paths.length > 0), (s) => owner.get(s) ?? s).map((l) => l.replace(/:\d+ /, ' '));
  assert.deepEqual(withPaths.sort(), ['A a.txt:full', 'B b.txt:full']);
  assert.doesNotMatch(notes.filter((n) => owner.get(n.session) === 'A').map((n) => n.text).join('\n'), /DONE-B/);
  await Promise.all([quit(a), quit(b)]);
  assert.deepEqual(await pendingIn(sb, repo), []);
});

test('8. a session in a linked worktree: its commit binds, the store is the common dir, log in the main worktree shows it', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  const dir = tempDir('aisess-scen-wt-');
  onCleanup(dir.cleanup);
  const wt = join(realpathSync(dir.path), 'wt');
  await sh(sb, repo, ['worktree', 'add', '-q', '-b', 'topic', wt]);
  const t = start(sb, wt, writes('W', 'a.txt'));
  await t.waitFor('DONE-W');
  await eventually(() => pendingIn(sb, wt), (e) => claims(e).join() === 'a.txt', 30_000, wt);
  await sh(sb, wt, ['commit', '-qam', 'a in the worktree']);
  const notes = await eventually(() => notesOn(sb, wt, 'HEAD'), (n) => n.some((s) => s.paths.length > 0), 30_000, wt);
  assert.deepEqual(boundPaths(notes), ['a.txt:full']);
  await quit(t);
  const commonStore = join(repo, '.git', 'aisess', 'sessions');
  assert.ok(existsSync(commonStore) && readdirSync(commonStore).length > 0, 'the journal is in the common dir');
  assert.ok(!existsSync(join(repo, '.git', 'worktrees', 'wt', 'aisess')), 'nothing under the linked worktree\'s own git dir');
  const log = await cli(sb, repo, ['log', 'topic', '--json']);
  assert.equal(log.status, 0, log.stderr);
  const commit = await sh(sb, wt, ['rev-parse', 'HEAD']);
  assert.ok(log.stdout.includes(commit), `aisess log topic in the main worktree lists ${commit}: ${log.stdout}`);
  // Read after the session ended (its turn's closing answer may have joined the commit since).
  assert.deepEqual(await notesOn(sb, repo, 'topic'), await notesOn(sb, wt, 'HEAD'), 'the main worktree reads the same note');
});

test('11. a session on a detached HEAD: the commit binds', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  await sh(sb, repo, ['checkout', '-q', '--detach']);
  const t = start(sb, repo, writes('D', 'a.txt'));
  await t.waitFor('DONE-D');
  await eventually(() => pendingIn(sb, repo), (e) => claims(e).join() === 'a.txt', 30_000, repo);
  await sh(sb, repo, ['commit', '-qam', 'a, detached']);
  assert.equal(await sh(sb, repo, ['symbolic-ref', '-q', 'HEAD']).catch(() => 'detached'), 'detached');
  const notes = await eventually(() => notesOn(sb, repo, 'HEAD'), (n) => n.some((s) => s.paths.length > 0), 30_000, repo);
  assert.deepEqual(boundPaths(notes), ['a.txt:full']);
  assert.match(notes.map((n) => n.text).join('\n'), /DONE-D/);
  await quit(t);
  assert.deepEqual(await pendingIn(sb, repo), []);
});
