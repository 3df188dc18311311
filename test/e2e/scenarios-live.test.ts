/**
 * Issue 3 end to end, while the session runs: the real `aisess run` with a fake agent in a pty,
 * commits made by the user in another process or by the agent itself, and what lands on each commit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  eventually, notesOn, type BoundSegment, pendingIn, pendingPaths, runAgent, sh, type Sandbox,
  onCleanup, setup, hookLogLines, warmBinder,
} from '../helpers/scenario.js';
import type { OuterTerminal } from '../helpers/term.js';


async function track(t: OuterTerminal): Promise<OuterTerminal> {
  onCleanup(() => void t.dispose(), true);
  return t;
}

/** Waits until exactly these paths are pending; returns the session id and each path's segment. */
async function waitPending(sb: Sandbox, repo: string, paths: string[]): Promise<{ id: string; seg: (path: string) => number }> {
  const names = (e: Awaited<ReturnType<typeof pendingIn>>) => pendingPaths(e).map((p) => p.replace(/^\d+:/, '')).sort().join();
  const entries = await eventually(() => pendingIn(sb, repo), (e) => names(e) === [...paths].sort().join(), 30_000, repo);
  assert.equal(names(entries), [...paths].sort().join(), `pending: ${JSON.stringify(entries)}`);
  const index = new Map(pendingPaths(entries).map((p) => [p.replace(/^\d+:/, ''), Number(p.split(':')[0])]));
  return { id: entries[0]!.session, seg: (path) => index.get(path)! };
}

async function waitNotes(sb: Sandbox, repo: string, rev: string, count: number) {
  return eventually(() => notesOn(sb, repo, rev), (s) => s.length >= count, 30_000, repo);
}

const quit = { prompt: 'bye' };

/** The segments that carry paths, as `index paths…`; conversation segments are checked by their text. */
function changed(notes: readonly BoundSegment[], id: string): string[] {
  for (const n of notes) assert.equal(n.session, id, `only session ${id} binds here: ${JSON.stringify(notes)}`);
  return notes.filter((n) => n.paths.length).map((n) => `${n.index} ${n.paths.join(' ')}`);
}

const text = (notes: readonly BoundSegment[]) => notes.map((n) => n.text).join('\n');

test('1. edit a then b, the user commits a only, then b: each commit gets its own segment and conversation', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  const t = await track(runAgent(sb, repo, [
    { prompt: 'change a' }, { say: 'Editing a.' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'Reason for a: typo.' },
    { wait: 2500 },
    { prompt: 'now change b' }, { say: 'Editing b.' }, { write: { path: 'b.txt', content: 'b1\n' } }, { say: 'Reason for b: rename.' },
    { waitPrompt: true }, { say: 'bye' },
  ]));
  await t.waitFor('Reason for b');
  const { id, seg } = await waitPending(sb, repo, ['a.txt', 'b.txt']);
  assert.ok(seg('a.txt') < seg('b.txt'));
  await sh(sb, repo, ['commit', '-qm', 'a', '--', 'a.txt']);
  const first = await waitNotes(sb, repo, 'HEAD', 1);
  assert.deepEqual(changed(first, id), [`${seg('a.txt')} a.txt:full`]);
  assert.doesNotMatch(text(first), /now change b|Reason for b/);
  assert.deepEqual(pendingPaths(await pendingIn(sb, repo)), [`${seg('b.txt')}:b.txt`]);
  await sh(sb, repo, ['commit', '-qm', 'b', '--', 'b.txt']);
  const second = await waitNotes(sb, repo, 'HEAD', 1);
  assert.deepEqual(changed(second, id), [`${seg('b.txt')} b.txt:full`]);
  assert.doesNotMatch(text(second), /Reason for a/);
  t.write(`${quit.prompt}\r`);
  assert.deepEqual(await t.exited, { code: 0 });
  assert.deepEqual(await pendingIn(sb, repo), []);
  assert.deepEqual(await notesOn(sb, repo, 'HEAD~1'), first, 'the first note is unchanged');
});

test('1w. while the session runs, its commits are bound by the warm binder it started (the hook hands it the commit too)', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  // Ten minutes, the default (the suite's global config says 5 s).
  await sh(sb, repo, ['config', 'aisess.warmBinder', '10m']);
  const t = await track(runAgent(sb, repo, [
    { prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'Done with a.' }, { waitPrompt: true }, { say: 'bye' },
  ]));
  await t.waitFor('Done with a');
  const { id, seg } = await waitPending(sb, repo, ['a.txt']);
  await warmBinder(repo);
  await sh(sb, repo, ['commit', '-qm', 'a', '--', 'a.txt']);
  const head = (await sh(sb, repo, ['rev-parse', 'HEAD'])).trim();
  assert.deepEqual(changed(await waitNotes(sb, repo, 'HEAD', 1), id), [`${seg('a.txt')} a.txt:full`]);
  const lines = await hookLogLines(repo, `bind ${head.slice(0, 12)}`);
  assert.match(lines.join('\n'), /^\S+ bind \w+: bound .* \(warm\)$/m, 'the session bound it through the warm binder');
  t.write(`${quit.prompt}\r`);
  assert.deepEqual(await t.exited, { code: 0 });
  assert.deepEqual(await pendingIn(sb, repo), []);
});

test('2. the agent commits by itself mid-session: bound live, once', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  const t = await track(runAgent(sb, repo, [
    { prompt: 'change a and commit' }, { write: { path: 'a.txt', content: 'a1\n' } }, { wait: 2000 },
    { run: 'git commit -qam "agent: a"' }, { say: 'Committed.' },
    { waitPrompt: true },
  ]));
  await t.waitFor('Committed.');
  const notes = await waitNotes(sb, repo, 'HEAD', 1);
  assert.equal(await sh(sb, repo, ['log', '-1', '--format=%s']), 'agent: a');
  const [id] = new Set(notes.map((n) => n.session));
  assert.deepEqual(changed(notes, id!).map((c) => c.replace(/^\d+ /, '')), ['a.txt:full']);
  t.write(`${quit.prompt}\r`);
  assert.deepEqual(await t.exited, { code: 0 });
  assert.deepEqual(await pendingIn(sb, repo), []);
  // The hook and the live binder wrote each record once; the turn's closing answer (read after the
  // change was bound) joins the same commit when the session ends.
  const final = await notesOn(sb, repo, 'HEAD');
  for (const n of notes) assert.deepEqual(final.find((f) => f.index === n.index), n, 'a record once written is never rewritten');
  assert.deepEqual(final.filter((f) => !notes.some((n) => n.index === f.index)).map((f) => f.paths), final.length > notes.length ? [[]] : []);
});

test('2b. the agent writes and commits at once, before the watcher looked: the change is still bound', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  const t = await track(runAgent(sb, repo, [
    { prompt: 'change a and commit' }, { write: { path: 'a.txt', content: 'a1\n' } },
    { run: 'git commit -qam "agent: a"' }, { say: 'Committed.' },
    { waitPrompt: true },
  ]));
  await t.waitFor('Committed.');
  const notes = await waitNotes(sb, repo, 'HEAD', 1);
  const [id] = new Set(notes.map((n) => n.session));
  assert.deepEqual(changed(notes, id!).map((c) => c.replace(/^\d+ /, '')), ['a.txt:full']);
  t.write(`${quit.prompt}\r`);
  assert.deepEqual(await t.exited, { code: 0 });
  assert.deepEqual(await pendingIn(sb, repo), []);
});

test('3. the user commits in another terminal while the agent waits, then amends after a new change', { timeout: 120_000 }, async () => {
  const { sb, repo } = setup();
  const t = await track(runAgent(sb, repo, [
    { prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'Between a and b.' }, { wait: 2000 },
    { prompt: 'change b' }, { write: { path: 'b.txt', content: 'b1\n' } }, { say: 'Done.' },
    { waitPrompt: true },
    { write: { path: 'a.txt', content: 'a2\n' } }, { say: 'Fixed a.' },
    { waitPrompt: true },
  ]));
  await t.waitFor('Done.');
  const { id, seg } = await waitPending(sb, repo, ['a.txt', 'b.txt']);
  await sh(sb, repo, ['commit', '-qam', 'a and b']);
  const both = await waitNotes(sb, repo, 'HEAD', 2);
  assert.deepEqual(changed(both, id), [`${seg('a.txt')} a.txt:full`, `${seg('b.txt')} b.txt:full`]);
  // A turn starts where the previous one's work ended: what lies between the two changes is in
  // their segments or in conversation segments between them, and all of it goes with them.
  for (let i = seg('a.txt'); i <= seg('b.txt'); i++) assert.ok(both.some((n) => n.index === i), `segment ${i}, between the two changes, goes with them`);
  assert.match(text(both), /Between a and b\./);
  const mark = t.mark();
  t.write('fix a\r');
  await t.waitFor('Fixed a.', { after: mark });
  const fix = await waitPending(sb, repo, ['a.txt']);
  await sh(sb, repo, ['commit', '-q', '--amend', '-am', 'a and b, fixed']);
  const amended = await eventually(() => notesOn(sb, repo, 'HEAD'), (n) => changed(n, id).length >= 3, 30_000, repo);
  assert.deepEqual(changed(amended, id), [`${seg('a.txt')} a.txt:full`, `${seg('b.txt')} b.txt:full`, `${fix.seg('a.txt')} a.txt:full`]);
  t.write(`${quit.prompt}\r`);
  assert.deepEqual(await t.exited, { code: 0 });
  assert.deepEqual(await pendingIn(sb, repo), []);
});
