/**
 * A file caught half-written when a binder looks whether a finished session's change is still
 * anywhere (an editor's save truncates the file, then fills it): it is not judged discarded on
 * that sight. The save completes, the commit holds the agent's lines, and it gets the segment.
 */
import assert from 'node:assert/strict';
import { truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setup, sh } from '../helpers/scenario.js';
import { assertRecords, Labels, session, waiting, waitPending } from './binding-harness.js';

const AGENT = 'a0\nalpha from the agent\n';

test('a file truncated by a save in progress when the binder looks (after the session): the commit of the saved content gets the segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': 'a0\n', 'b.txt': 'b0\n' });
  await session(t, sb, repo, [{ prompt: 'add an alpha line to a' }, { write: { path: 'a.txt', content: AGENT } }, { say: 'ANSWER-A' }]);
  const [entry] = await waitPending(sb, repo, ['a.txt']);
  const labels = new Labels();
  labels.set(entry!.session, 'S');
  const index = entry!.segments.find((s) => s.paths.some((p) => p.path === 'a.txt'))!.index;
  // The save's first half: the file is empty, just written. Its time is set ahead so that however
  // slowly the binder below starts, it still finds the file being written.
  const file = join(repo, 'a.txt');
  truncateSync(file);
  const ahead = new Date(Date.now() + 60_000);
  utimesSync(file, ahead, ahead);
  // `aisess status` runs the binder over the waiting sessions: the change is not judged gone.
  await waitPending(sb, repo, ['a.txt']);
  // The save's second half, then the commit.
  writeFileSync(file, AGENT);
  await sh(sb, repo, ['commit', '-qam', 'the agent\'s line']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${index} a.txt:full`], talk: [index, Infinity], says: [/ANSWER-A/] } });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});
