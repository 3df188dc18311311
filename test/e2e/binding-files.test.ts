/**
 * Scenario table, kinds of files: a deletion and a rename by the agent's shell, an ignored file (never
 * pending, never bound, even when force-added), and odd names (spaces, unicode, a leading dash, a
 * newline). Content without lines (binary, large, symlinks): binding-blobs.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Step } from '../../fixtures/lib/script.mjs';
import { pendingIn, sh, shell, setup } from '../helpers/scenario.js';
import { assertRecords, Labels, segmentsOf, session, tenLines, turns, waiting } from './binding-harness.js';

const tree = { 'a.txt': 'a0\n', 'b.txt': 'b0\n', 'd.txt': tenLines, 'r.txt': tenLines, '.gitignore': '*.log\n' };

/** A session of one shell tool call; returns the segment each waiting path is in. */
async function shellSession(t: Parameters<typeof session>[0], sb: Parameters<typeof session>[1], repo: string, command: string) {
  const script: Step[] = [{ prompt: `please run: ${command}` }, { run: command }, { say: 'ANSWER-RUN' }];
  await session(t, sb, repo, script);
  return segmentsOf(await pendingIn(sb, repo));
}

test('a file deleted by the agent\'s shell: the commit of the deletion gets the segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup(tree);
  const seg = await shellSession(t, sb, repo, 'rm d.txt');
  const d = seg('d.txt')[0]!;
  const labels = new Labels();
  assert.deepEqual(await waiting(sb, repo, labels), [`S:${d}:d.txt`]);
  await sh(sb, repo, ['commit', '-qam', 'rm d']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${d} d.txt:full`], talk: [d, Infinity], says: [/ANSWER-RUN/] } });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('a rename by the agent (git mv): the commit gets the segment for both names', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup(tree);
  const seg = await shellSession(t, sb, repo, 'git mv r.txt r2.txt');
  const r = seg('r2.txt')[0]!;
  const labels = new Labels();
  assert.deepEqual(await waiting(sb, repo, labels), [`S:${r}:r.txt`, `S:${r}:r2.txt`]);
  await sh(sb, repo, ['commit', '-qm', 'mv']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${r} r.txt:full r2.txt:full`], talk: [r, Infinity] } });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('an ignored file written by the agent is never pending and never bound, even force-added', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup(tree);
  await session(t, sb, repo, [
    { prompt: 'write a log and a' }, { write: { path: 'x.log', content: 'a log line\n' } }, { wait: 800 }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'ANSWER-A' },
  ]);
  const labels = new Labels();
  const a = segmentsOf(await pendingIn(sb, repo))('a.txt')[0]!;
  assert.deepEqual(await waiting(sb, repo, labels), [`S:${a}:a.txt`]);
  await shell(sb, repo, 'git add -f x.log && git commit -qm log && git commit -qam a');
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [] },
    HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('odd names: a space, unicode, a leading dash, a newline: each commit gets its own segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup(tree);
  const names = ['with space.txt', 'ünïcödé ✓.txt', '-dash.txt', 'new\nline.txt'];
  await session(t, sb, repo, turns(names));
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const idx = names.map((n) => seg(n)[0]!);
  assert.deepEqual(await waiting(sb, repo, labels), names.map((n, i) => `S:${idx[i]}:${n}`).sort());
  for (const n of names) {
    await sh(sb, repo, ['add', '--', n]);
    await sh(sb, repo, ['commit', '-qm', `add ${JSON.stringify(n)}`]);
  }
  await assertRecords(sb, repo, labels, Object.fromEntries(names.map((n, i) => [
    `HEAD~${names.length - 1 - i}`,
    { changed: [`S:${idx[i]} ${n}:full`], talk: [idx[i]!, idx[i + 1] ?? Infinity] as [number, number], says: [new RegExp(`ANSWER-${i + 1}`)] },
  ])));
  assert.deepEqual(await waiting(sb, repo, labels), []);
});
