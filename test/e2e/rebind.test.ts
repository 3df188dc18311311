/**
 * `aisess rebind` and read-time resolution with real git: records bound to a branch's commits are
 * re-found after `git merge --squash`, a rebase-merge and a force-push; a change the squash dropped
 * is reported, not guessed; a squash commit naming a pull request shows the request's records.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { git, gitEnv, tempDir, tempRepo, writeTree } from '../helpers/git.js';
import { bindRecord } from './rebind-records.js';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));
const env = { ...process.env, ...gitEnv };

const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n') + '\n';
const edit = (text: string, from: string, to: string) => text.replace(`${from}\n`, `${to}\n`);

function newRepo(): string {
  const r = tempRepo({ 'a.txt': lines(20), 'z.txt': 'z\n' });
  cleanups.push(r.cleanup);
  return r.path;
}

function commit(cwd: string, tree: Record<string, string>, message: string): string {
  writeTree(cwd, tree);
  git(cwd, ['add', '-A']);
  git(cwd, ['commit', '-qm', message]);
  return git(cwd, ['rev-parse', 'HEAD']);
}

function rebindJson(cwd: string, args: string[] = []) {
  const r = runCli(['rebind', '--json', ...args], { cwd, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as {
    dryRun: boolean;
    rebound: { from: string; to: string; rule: string; records: string[] }[];
    already: { from: string; to: string; records: string[] }[];
    notFound: { from: string; records: string[]; reason: string }[];
  };
}

function shownIds(cwd: string, rev: string): { ids: string[]; json: { segments: { id: string; rebound: { from: string; rule: string; via: unknown } | null }[]; via?: unknown } } {
  const r = runCli(['show', rev, '--json'], { cwd, env });
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  return { ids: json.segments.map((s: { id: string }) => s.id).sort(), json };
}

/** A feature branch of three commits, each with a record: a.txt twice (far apart) and a new b.txt. */
async function featureBranch(cwd: string): Promise<string[]> {
  git(cwd, ['checkout', '-qb', 'feature']);
  const a = lines(20);
  const c1 = commit(cwd, { 'a.txt': edit(a, 'line 2', 'line 2 by c1') }, 'c1');
  const c2 = commit(cwd, { 'b.txt': lines(5, 'b') }, 'c2');
  const c3 = commit(cwd, { 'a.txt': edit(edit(a, 'line 2', 'line 2 by c1'), 'line 15', 'line 15 by c3') }, 'c3');
  for (const [i, c] of [c1, c2, c3].entries()) await bindRecord(cwd, c, `s1:${i}`, `prompt ${i}`);
  return [c1, c2, c3];
}

test('git merge --squash of three commits: rebind attaches all three records to the squash commit, once', async () => {
  const cwd = newRepo();
  const olds = await featureBranch(cwd);
  git(cwd, ['checkout', '-q', 'main']);
  commit(cwd, { 'z.txt': 'z moved on\n' }, 'main moves');
  git(cwd, ['merge', '--squash', '-q', 'feature']);
  git(cwd, ['commit', '-qm', 'feature (#3)']);
  const squash = git(cwd, ['rev-parse', 'HEAD']);

  const dry = rebindJson(cwd, ['--dry-run']);
  assert.equal(dry.dryRun, true);
  assert.equal(dry.rebound.length, 3);
  assert.equal(runCli(['show', squash], { cwd, env }).status, 1, 'a dry run writes nothing');

  const report = rebindJson(cwd);
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.rule, m.records]).sort(), olds.map((o, i) => [o, squash, 'contained', [`s1:${i}`]]).sort());
  assert.deepEqual(report.notFound, []);
  const shown = shownIds(cwd, squash);
  assert.deepEqual(shown.ids, ['s1:0', 's1:1', 's1:2']);
  for (const s of shown.json.segments) assert.deepEqual({ ...s.rebound, via: undefined }, { from: olds[Number(s.id.slice(3))], rule: 'contained', via: undefined });
  // The old commits keep their records.
  for (const [i, o] of olds.entries()) assert.deepEqual(shownIds(cwd, o).ids, [`s1:${i}`]);

  const again = rebindJson(cwd);
  assert.deepEqual(again.rebound, []);
  assert.equal(again.already.reduce((n, a) => n + a.records.length, 0), 3);

  const text = runCli(['rebind'], { cwd, env });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stderr, /0 records re-attached/);
});

test('a rebase-merge (rebase onto a moved main, fast-forward): each record by patch-id', async () => {
  const cwd = newRepo();
  git(cwd, ['checkout', '-qb', 'feature']);
  const f1 = commit(cwd, { 'a.txt': edit(lines(20), 'line 4', 'line 4 f1') }, 'f1');
  const f2 = commit(cwd, { 'c.txt': 'c\n' }, 'f2');
  await bindRecord(cwd, f1, 's2:0', 'one');
  await bindRecord(cwd, f2, 's2:1', 'two');
  git(cwd, ['checkout', '-q', 'main']);
  commit(cwd, { 'z.txt': 'moved\n' }, 'main moves');
  git(cwd, ['checkout', '-q', 'feature']);
  git(cwd, ['rebase', '-q', 'main']);
  git(cwd, ['checkout', '-q', 'main']);
  git(cwd, ['merge', '-q', '--ff-only', 'feature']);
  git(cwd, ['branch', '-qD', 'feature']);
  const [n2, n1] = git(cwd, ['rev-list', '-n2', 'HEAD']).split('\n');

  const report = rebindJson(cwd);
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.rule, m.records]).sort(), [[f1, n1, 'patch-id', ['s2:0']], [f2, n2, 'patch-id', ['s2:1']]].sort());
  assert.deepEqual(shownIds(cwd, n1!).ids, ['s2:0']);
});

test('a force-pushed branch (amended with one more file elsewhere): the clone that fetched rebinds', async () => {
  const bare = tempDir('aisess-bare-');
  cleanups.push(bare.cleanup);
  git(bare.path, ['init', '-q', '--bare', '-b', 'main']);
  const cwd = newRepo();
  git(cwd, ['remote', 'add', 'origin', bare.path]);
  git(cwd, ['push', '-q', 'origin', 'main']);
  git(cwd, ['checkout', '-qb', 'feature']);
  const old = commit(cwd, { 'a.txt': edit(lines(20), 'line 9', 'line 9 changed') }, 'wip');
  await bindRecord(cwd, old, 's3:0', 'change line 9');
  git(cwd, ['push', '-q', '-u', 'origin', 'feature']);

  const other = tempDir('aisess-other-');
  cleanups.push(other.cleanup);
  git(other.path, ['clone', '-q', '-b', 'feature', bare.path, '.']);
  writeTree(other.path, { 'd.txt': 'added on the other clone\n' });
  git(other.path, ['add', '-A']);
  git(other.path, ['commit', '-q', '--amend', '-m', 'line 9, reviewed']);
  git(other.path, ['push', '-q', '--force', 'origin', 'feature']);
  const rewritten = git(other.path, ['rev-parse', 'HEAD']);

  git(cwd, ['fetch', '-q', 'origin']);
  git(cwd, ['reset', '-q', '--hard', 'origin/feature']);
  const report = rebindJson(cwd);
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.rule, m.records]), [[old, rewritten, 'contained', ['s3:0']]]);
});

test('a squash that dropped a file and undid a line: those records are reported, not attached', async () => {
  const cwd = newRepo();
  const [c1, c2, c3] = await featureBranch(cwd);
  git(cwd, ['checkout', '-q', 'main']);
  git(cwd, ['merge', '--squash', '-q', 'feature']);
  // The squash leaves b.txt (c2) out and c3's line as it was.
  git(cwd, ['rm', '-q', '--cached', 'b.txt']);
  writeTree(cwd, { 'a.txt': edit(lines(20), 'line 2', 'line 2 by c1') });
  git(cwd, ['add', 'a.txt']);
  git(cwd, ['commit', '-qm', 'feature, trimmed']);
  const squash = git(cwd, ['rev-parse', 'HEAD']);

  const report = rebindJson(cwd);
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.records]), [[c1, squash, ['s1:0']]]);
  const missing = new Map(report.notFound.map((n) => [n.from, n.reason]));
  assert.match(missing.get(c2!)!, /no commit in the range changes "b\.txt"/);
  assert.match(missing.get(c3!)!, /lacks a line the old commit added in "a\.txt"/);
  assert.deepEqual(shownIds(cwd, squash).ids, ['s1:0']);
  const text = runCli(['rebind', '--dry-run'], { cwd, env });
  assert.match(text.stdout, /not re-found {2}[0-9a-f]{12} {2}s1:1: no commit in the range changes "b\.txt"/);
});
