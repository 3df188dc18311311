/**
 * Scenario table, conversation: the rest of a bound segment's turn goes with it; a turn that changed
 * nothing goes with the next turn whose change binds; an empty segment (no change, nothing said,
 * nothing shown) never binds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoScript, type Step } from '../../fixtures/lib/script.mjs';
import { pendingIn, setup, sh, shell, shownSegments } from '../helpers/scenario.js';
import { assertRecords, Labels, segmentsOf, session, waiting } from './binding-harness.js';

test('8a. the demo session, committed: its changes bind, and no record is an empty segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, demoScript);
  const labels = new Labels();
  const entries = await pendingIn(sb, repo);
  const first = Math.min(...entries.flatMap((e) => e.segments.map((s) => s.index)));
  // Each waiting segment, with all its paths, is what the commit of everything takes.
  const changed = entries.flatMap((e) => e.segments.map((s) => `S:${s.index} ${s.paths.map((p) => `${p.path}:full`).sort().join(' ')}`));
  assert.deepEqual([...new Set(entries.flatMap((e) => e.segments.flatMap((s) => s.paths.map((p) => p.path))))].sort(), ['greet.js', 'greet.test.js']);
  await shell(sb, repo, 'git add -A && git commit -qm demo');
  await assertRecords(sb, repo, labels, { HEAD: { changed, talk: [first, Infinity], says: [/also test an empty name/, /Added a second case/] } });
  const shown = await shownSegments(sb, repo, 'HEAD');
  const empty = shown.filter((s) => s.title === '' && s.paths.length === 0 && s.text === '(no terminal output)');
  assert.deepEqual(empty.map((s) => s.id), [], 'no record of an empty segment');
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

const talkTurns: Step[] = [
  { prompt: 'turn 1: write a.txt' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'ANSWER-1' }, { wait: 1200 },
  { prompt: 'turn 2: just a question' }, { think: 300 }, { say: 'TALK-ANSWER' }, { wait: 1200 },
  { prompt: 'turn 3: write b.txt' }, { write: { path: 'b.txt', content: 'b1\n' } }, { say: 'ANSWER-3' },
];

test('8b. a talk-only turn between two committed turns goes with the second turn\'s commit', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, talkTurns);
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  await sh(sb, repo, ['commit', '-qm', 'a', '--', 'a.txt']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, b], says: [/ANSWER-1/], never: [/just a question|TALK-ANSWER|ANSWER-3/] } });
  await sh(sb, repo, ['commit', '-qm', 'b', '--', 'b.txt']);
  const notes = await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, b], never: [/TALK-ANSWER/] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [a, Infinity], says: [/just a question/, /TALK-ANSWER/, /ANSWER-3/], never: [/ANSWER-1/] },
  });
  const talk = notes.HEAD!.filter((n) => n.paths.length === 0 && n.index > a && n.index < b);
  assert.match(talk.map((n) => n.text).join('\n'), /just a question/, `the talk turn's own records: ${JSON.stringify(notes.HEAD)}`);
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('8c. a talk-only turn\'s record shows its own answer', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, talkTurns);
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  await shell(sb, repo, 'git commit -qm a -- a.txt && git commit -qm b -- b.txt');
  const notes = await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, b] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [a, Infinity] },
  });
  // The next turn's screen text may still show the answer (it stayed on the screen): that is what
  // the person saw. What matters is that the talk turn's own record holds it.
  const talk = notes.HEAD!.filter((n) => n.paths.length === 0 && n.index > a && n.index < b).map((n) => n.text).join('\n');
  assert.match(talk, /TALK-ANSWER/, `records on HEAD: ${JSON.stringify(notes.HEAD)}`);
});
