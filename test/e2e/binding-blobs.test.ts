/**
 * Scenario table, content without lines: a binary file, a file larger than the kept-content limit
 * (4 MiB) and a symlink bind as whole blobs: a commit takes the change when it gives the path the
 * change's blob. Committed while the session runs, and after it ended (when changes no commit holds
 * yet must keep waiting as long as they are still in the working tree).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Step } from '../../fixtures/lib/script.mjs';
import { sh, shell, statusReport, setup } from '../helpers/scenario.js';
import { agent, assertRecords, Labels, quit, segmentsOf, session, waiting, waitPending } from './binding-harness.js';

const tree = { 'a.txt': 'a0\n', 'b.txt': 'b0\n' };

const binary = "printf '\\0\\1\\2\\377' > b.bin";
// Written aside and moved in: the watcher never sees it half written.
const big = 'seq 1 800000 > ../big-$$ && mv ../big-$$ big.txt';
const link = 'ln -s a.txt link';

const steps = (commands: string[]): Step[] => commands.flatMap((command, i): Step[] => [
  { prompt: `turn ${i + 1}: run ${command}` }, { run: command }, { say: `ANSWER-${i + 1}` }, ...(i < commands.length - 1 ? [{ wait: 1200 }] : []),
]);

const files = ['b.bin', 'big.txt', 'link'];

async function checkContent(sb: Parameters<typeof sh>[0], repo: string): Promise<void> {
  assert.ok(Number(await shell(sb, repo, 'wc -c < big.txt')) > 4 * 1024 * 1024);
  assert.equal(await shell(sb, repo, 'od -An -c b.bin | tr -s " "'), ' \\0 001 002 377');
  assert.equal(await shell(sb, repo, 'readlink link'), 'a.txt');
}

/** One commit per file, in one shell: HEAD~2 b.bin, HEAD~1 big.txt, HEAD link. */
const commitEach = 'for f in b.bin big.txt link; do git add "$f" && git commit -qm "$f" || exit 1; done';

function table(idx: number[]) {
  return Object.fromEntries(files.map((f, i) => [
    `HEAD~${files.length - 1 - i}`,
    { changed: [`S:${idx[i]} ${f}:full`], talk: [idx[i]!, idx[i + 1] ?? Infinity] as [number, number], says: [new RegExp(`ANSWER-${i + 1}`)] },
  ]));
}

test('binary, over 4 MiB, symlink: committed while the session runs, each commit gets its segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup(tree);
  const term = agent(t, sb, repo, [...steps([binary, big, link]), { waitPrompt: true }]);
  await term.waitFor('ANSWER-3');
  const seg = segmentsOf(await waitPending(sb, repo, files));
  const idx = files.map((f) => seg(f)[0]!);
  await checkContent(sb, repo);
  await shell(sb, repo, commitEach);
  const labels = new Labels();
  // The last turn's talk waits for the turn to end: only the change segments are asserted now.
  await assertRecords(sb, repo, labels, Object.fromEntries(Object.entries(table(idx)).map(([rev, want]) => [rev, { ...want, says: [] }])));
  await quit(term);
  await assertRecords(sb, repo, labels, table(idx));
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('binary, over 4 MiB, symlink: committed after the session ended, each commit gets its segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup(tree);
  await session(t, sb, repo, steps([binary, big, link]));
  const labels = new Labels();
  const report = await statusReport(sb, repo);
  const [s] = report.sessions;
  assert.ok(s, JSON.stringify(report));
  // Where each file's change is: waiting in a segment, or settled (with the reason) when it stopped waiting.
  const idx = files.map((f) => [...s.segments.filter((g) => g.paths.some((p) => p.path === f)).map((g) => g.index), ...s.settled.filter((c) => c.path === f).map((c) => c.segment)][0]!);
  const state = { waiting: s.segments.flatMap((g) => g.paths.map((p) => `${g.index}:${p.path}`)).sort(), settled: s.settled.map((c) => `${c.segment}:${c.path}:${c.reason}`) };
  assert.deepEqual(state, { waiting: files.map((f, i) => `${idx[i]}:${f}`).sort(), settled: [] }, 'still in the working tree: still waiting');
  await checkContent(sb, repo);
  await shell(sb, repo, commitEach);
  await assertRecords(sb, repo, labels, table(idx));
  assert.deepEqual(await waiting(sb, repo, labels), []);
});
