/**
 * Scenario table, credit: a change is the agent's when a tool call that edits files named the path
 * and ran when the file was written (its mtime), or a shell tool call was running then; anything else
 * is a hand edit and never binds. A terminal-only session (`aisess run -- <program>`) has only the
 * terminal as evidence: it claims every change made while it runs, from its first instant.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeTree } from '../helpers/git.js';
import { pendingIn, setup, sh, shell } from '../helpers/scenario.js';
import { agent, assertRecords, Labels, program, waiting } from './binding-harness.js';
import { sleep } from '../helpers/wait.js';

test('5. a hand edit made 2 s after the agent\'s read-only shell call is not claimed: its commit gets nothing', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const term = agent(t, sb, repo, [
    { prompt: 'show me a.txt' }, { run: 'cat a.txt' }, { say: 'READ-DONE' }, { wait: 5000 }, { say: 'STILL-IN-THE-TURN' }, { wait: 1500 },
  ]);
  await term.waitFor('READ-DONE');
  await sleep(2000);
  writeTree(repo, { 'a.txt': 'a0\nby hand\n' });
  assert.doesNotMatch(term.output(), /STILL-IN-THE-TURN/, 'the hand edit was made during the turn');
  assert.deepEqual(await term.exited, { code: 0 });
  const labels = new Labels();
  assert.deepEqual(await waiting(sb, repo, labels), []);
  await sh(sb, repo, ['commit', '-qam', 'by hand']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [] } });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('5b. two terminal-only sessions at once: each claims the changes made while it runs', { timeout: 120_000 }, async (t) => {
  // What happens: neither session has evidence beyond its terminal, so each claims every change
  // made while it runs. A change made while both ran is claimed by both, and its commit carries a
  // record of each; a change made after one ended is claimed by the other only.
  const { sb, repo } = setup();
  const long = program(t, sb, repo, ['sh', '-c', 'sleep 1.5; echo one > one.txt; sleep 3; echo three > three.txt; sleep 1']);
  const short = program(t, sb, repo, ['sh', '-c', 'sleep 2.5; echo two > two.txt; sleep 0.5']);
  assert.deepEqual(await short.exited, { code: 0 });
  assert.deepEqual(await long.exited, { code: 0 });
  const entries = await pendingIn(sb, repo);
  const labels = new Labels();
  const paths = (s: (typeof entries)[number]) => s.segments.flatMap((g) => g.paths.map((p) => p.path));
  for (const e of entries) labels.set(e.session, paths(e).includes('three.txt') ? 'LONG' : 'SHORT');
  const at = (label: string, path: string) => entries.find((e) => labels.of(e.session) === label)?.segments.find((g) => g.paths.some((p) => p.path === path))?.index;
  assert.deepEqual(await waiting(sb, repo, labels), [
    `LONG:${at('LONG', 'one.txt')}:one.txt`, `LONG:${at('LONG', 'three.txt')}:three.txt`, `LONG:${at('LONG', 'two.txt')}:two.txt`,
    `SHORT:${at('SHORT', 'one.txt')}:one.txt`, `SHORT:${at('SHORT', 'two.txt')}:two.txt`,
  ].sort());
  await shell(sb, repo, 'for f in one two three; do git add $f.txt && git commit -qm $f || exit 1; done');
  await assertRecords(sb, repo, labels, {
    'HEAD~2': { changed: [`LONG:${at('LONG', 'one.txt')} one.txt:full`, `SHORT:${at('SHORT', 'one.txt')} one.txt:full`] },
    'HEAD~1': { changed: [`LONG:${at('LONG', 'two.txt')} two.txt:full`, `SHORT:${at('SHORT', 'two.txt')} two.txt:full`] },
    HEAD: { changed: [`LONG:${at('LONG', 'three.txt')} three.txt:full`] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('6. a file a terminal-only session writes in its first instant is its change (5 runs in a row)', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const labels = new Labels();
  const seen = new Set<string>();
  for (let i = 1; i <= 5; i++) {
    const term = program(t, sb, repo, ['sh', '-c', `echo x${i} > f.txt; sleep 1`]);
    assert.deepEqual(await term.exited, { code: 0 });
    const entries = (await pendingIn(sb, repo)).filter((e) => !seen.has(e.session));
    assert.equal(entries.length, 1, `run ${i}: one new session waits: ${JSON.stringify(entries)}`);
    const e = entries[0]!;
    seen.add(e.session);
    labels.set(e.session, `run${i}`);
    assert.deepEqual(await waiting(sb, repo, labels), e.segments.map((g) => `run${i}:${g.index}:f.txt`), `run ${i}: f.txt is the session's change, not baseline`);
    await shell(sb, repo, `git add f.txt && git commit -qm f${i}`);
    await assertRecords(sb, repo, labels, { HEAD: { changed: [`run${i}:${e.segments[0]!.index} f.txt:full`] } });
    assert.deepEqual(await waiting(sb, repo, labels), []);
  }
});
