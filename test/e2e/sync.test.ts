/**
 * `aisess sync` against local bare remotes: three clones annotating the same and different
 * commits, pushing all at once; the consent before a first push; dry runs; `init --remote`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { appendRecords } from '../../src/notes/write.js';
import { runInPty } from '../fixtures/pty-harness.js';
import { cliArgv, cliEntry, runCli, type CliResult } from '../helpers/cli.js';
import { git, gitEnv, tempDir } from '../helpers/git.js';
import { open, record } from '../notes/helpers.js';

const run = promisify(execFile);
const env = { ...process.env, ...gitEnv };

const dirs: (() => void)[] = [];
after(() => dirs.forEach((d) => d()));

/** A bare remote with four commits on main, and `n` clones of it. */
function world(n: number): { remote: string; clones: string[]; commits: string[] } {
  const dir = tempDir('aisess-sync-');
  dirs.push(dir.cleanup);
  const remote = join(dir.path, 'remote.git');
  git(dir.path, ['init', '-q', '--bare', '-b', 'main', remote]);
  const seed = join(dir.path, 'seed');
  git(dir.path, ['clone', '-q', remote, seed]);
  for (let i = 0; i < 4; i++) git(seed, ['commit', '-q', '--allow-empty', '-m', `c${i}`]);
  git(seed, ['push', '-q', 'origin', 'HEAD:main']);
  const commits = git(seed, ['rev-list', '--reverse', 'HEAD']).split('\n');
  const clones = Array.from({ length: n }, (_, i) => {
    const clone = join(dir.path, `clone${i}`);
    git(dir.path, ['clone', '-q', remote, clone]);
    return clone;
  });
  return { remote, clones, commits };
}

const sync = (cwd: string, args: string[]): CliResult => runCli(['sync', ...args], { cwd, env });

/** Sorted payload lines per noted commit, as plain git reads them. */
function recordLines(cwd: string, ref = 'refs/notes/aisess'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const list = git(cwd, ['notes', `--ref=${ref}`, 'list']);
  for (const line of list ? list.split('\n') : []) {
    const [, commit] = line.split(' ');
    const text = git(cwd, ['notes', `--ref=${ref}`, 'show', commit!]);
    out.set(commit!, text.split('\n').filter((l) => l.startsWith('aisess')).sort());
  }
  return out;
}

const notesRefOf = (cwd: string): string | null => {
  try {
    return git(cwd, ['rev-parse', '-q', '--verify', 'refs/notes/aisess']);
  } catch {
    return null;
  }
};
const remoteNotes = (remote: string): string => git(remote, ['for-each-ref', '--format=%(objectname)', 'refs/notes/']);

// Each test has its own remote and clones: they run side by side.
describe('aisess sync', { concurrency: true }, () => {
  describe('three clones, the same and different commits, pushing at once', () => {
    test('every record everywhere, none lost, none twice', async () => {
      const { remote, clones, commits } = world(3);
      const [c0, c1, c2, c3] = commits as [string, string, string, string];
      const shared = record('shared:0', { same: true }, 9);
      const plan: [string, string][][] = [
        [[c0, 'a:0'], [c1, 'a:1'], [c3, 'a:3']],
        [[c0, 'b:0'], [c1, 'b:1'], [c2, 'b:2']],
        [[c0, 'c:0'], [c2, 'c:2']],
      ];
      for (const [i, clone] of clones.entries()) {
        const repo = await open(clone);
        for (const [commit, id] of plan[i]!) await appendRecords(repo, commit, [record(id, { by: i }, i)]);
        // The very same record bound in two clones: one record after the merge.
        if (i < 2) await appendRecords(repo, c0, [shared]);
      }
      const before = clones.map(notesRefOf);

      const results = await Promise.all(clones.map((cwd) => run(...cliArgv(['sync', '--push', '--yes']), { cwd, env }).then(() => 0, (e: { code: number; stderr: string }) => `${e.code} ${e.stderr}`)));
      assert.deepEqual(results, [0, 0, 0]);
      for (const clone of clones) assert.equal(sync(clone, []).status, 0);

      const expected = new Map<string, string[]>();
      for (const clone of clones) for (const [commit, lines] of recordLines(clone)) expected.set(commit, [...new Set([...(expected.get(commit) ?? []), ...lines])].sort());
      const ids = (lines: string[]) => lines.map((l) => l.split(' ')[1]).sort();
      assert.deepEqual(ids(expected.get(c0)!), ['a:0', 'b:0', 'c:0', 'shared:0']);
      assert.deepEqual(ids(expected.get(c1)!), ['a:1', 'b:1']);
      assert.deepEqual(ids(expected.get(c2)!), ['b:2', 'c:2']);
      assert.deepEqual(ids(expected.get(c3)!), ['a:3']);
      for (const clone of clones) assert.deepEqual(recordLines(clone), expected, clone);
      // The remote holds what the clones hold, and every clone's earlier notes are in its history (never overwritten).
      const last = clones[2]!;
      git(last, ['fetch', '-q', 'origin', '+refs/notes/aisess:refs/notes/check']);
      assert.deepEqual(recordLines(last, 'refs/notes/check'), expected);
      for (const [i, clone] of clones.entries()) git(clone, ['merge-base', '--is-ancestor', before[i]!, 'refs/notes/aisess']);
      assert.ok(remoteNotes(remote));
    });
  });

  describe('privacy: nothing is pushed unless asked, and a first push is confirmed', { concurrency: true }, () => {
    test('sync without --push fetches and merges, pushes nothing', async () => {
      const { remote, clones, commits } = world(2);
      const [a, b] = clones as [string, string];
      await appendRecords(await open(a), commits[0]!, [record('a:0')]);
      const r = sync(a, ['--json']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).notPushed, 'not asked');
      assert.equal(remoteNotes(remote), '');
      // Teammate b pushes; a's plain sync merges it and still pushes nothing.
      await appendRecords(await open(b), commits[0]!, [record('b:0')]);
      assert.equal(sync(b, ['--push', '--yes']).status, 0);
      const pulled = sync(a, ['--json']);
      assert.equal(JSON.parse(pulled.stdout).merged, 1);
      assert.deepEqual([...recordLines(a).values()][0]!.map((l) => l.split(' ')[1]), ['a:0', 'b:0']);
      assert.deepEqual([...recordLines(remote).values()][0]!.map((l) => l.split(' ')[1]), ['b:0']);
    });

    test('a first push without a terminal and without --yes fails (exit 77), shows what it would share, pushes nothing', async () => {
      const { remote, clones, commits } = world(1);
      const [a] = clones as [string];
      await appendRecords(await open(a), commits[1]!, [record('a:1')]);
      const r = sync(a, ['--push']);
      assert.equal(r.status, 77, r.stderr);
      assert.match(r.stderr, /first push of notes to 'origin'/);
      assert.match(r.stderr, new RegExp(`1 commit: ${commits[1]!.slice(0, 12)}`));
      assert.match(r.stderr, /1 segment \(claude 1\)/);
      assert.match(r.stderr, /redaction check \(aisess scan\): nothing found/);
      assert.match(r.stderr, /--yes/);
      assert.equal(remoteNotes(remote), '');
      assert.throws(() => git(a, ['config', '--get', 'aisess.pushRemote']));
    });

    test('on a terminal a first push shows the summary and asks: no pushes nothing (exit 77), yes pushes and allows', async () => {
      const { remote, clones, commits } = world(1);
      const [a] = clones as [string];
      await appendRecords(await open(a), commits[0]!, [record('a:0')]);
      const ask = async (answer: string) => {
        const p = runInPty(process.execPath, [cliEntry(), 'sync', '--push'], { cwd: a, env });
        await p.waitFor('[y/N]');
        p.pty.write(answer);
        return { status: await p.exited, output: p.output() };
      };
      const no = await ask('n\r');
      assert.deepEqual(no.status, { code: 77 });
      assert.match(no.output, /1 segment \(claude 1\)/);
      assert.equal(remoteNotes(remote), '');
      const yes = await ask('y\r');
      assert.deepEqual(yes.status, { code: 0 }, yes.output);
      assert.equal(remoteNotes(remote), notesRefOf(a));
      assert.equal(git(a, ['config', '--get-all', 'aisess.pushRemote']), 'origin');
    });

    test('--dry-run changes nothing, here or there', async () => {
      const { remote, clones, commits } = world(2);
      const [a, b] = clones as [string, string];
      await appendRecords(await open(b), commits[0]!, [record('b:0')]);
      assert.equal(sync(b, ['--push', '--yes']).status, 0);
      await appendRecords(await open(a), commits[0]!, [record('a:0')]);
      const refsBefore = git(a, ['for-each-ref']);
      const remoteBefore = remoteNotes(remote);
      const r = sync(a, ['--push', '--dry-run', '--json']);
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.dryRun, true);
      assert.equal(report.fetched, 1);
      assert.equal(report.combined, 1);
      assert.equal(report.pushed, 1);
      assert.equal(report.share.segments, 1);
      assert.equal(git(a, ['for-each-ref']), refsBefore);
      assert.equal(remoteNotes(remote), remoteBefore);
      assert.throws(() => git(a, ['config', '--get', 'aisess.pushRemote']));
    });

    test('--yes pushes and allows the remote; later a plain sync pushes there', async () => {
      const { remote, clones, commits } = world(1);
      const [a] = clones as [string];
      await appendRecords(await open(a), commits[0]!, [record('a:0')]);
      git(a, ['config', 'aisess.noteWarnBytes', '100']);
      const r = sync(a, ['--push', '--yes']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /push 1 note/);
      assert.match(r.stderr, new RegExp(`warning: the note on ${commits[0]!.slice(0, 12)} is \\d+ B, over aisess.noteWarnBytes \\(100 B\\)`));
      assert.equal(git(a, ['config', '--get-all', 'aisess.pushRemote']), 'origin');
      assert.equal(remoteNotes(remote), notesRefOf(a));
      await appendRecords(await open(a), commits[2]!, [record('a:2')]);
      const again = sync(a, ['--json']);
      assert.equal(JSON.parse(again.stdout).pushed, 1);
      assert.equal(remoteNotes(remote), notesRefOf(a));
      assert.equal(JSON.parse(sync(a, ['--fetch-only', '--json']).stdout).notPushed, 'not asked');
    });

    test('a separate notes remote: only it receives notes', async () => {
      const { remote, clones, commits } = world(1);
      const [a] = clones as [string];
      const privateRemote = join(remote, '..', 'private.git');
      git(a, ['init', '-q', '--bare', privateRemote]);
      git(a, ['remote', 'add', 'notes', privateRemote]);
      git(a, ['config', 'aisess.syncRemote', 'notes']);
      await appendRecords(await open(a), commits[0]!, [record('a:0')]);
      assert.equal(sync(a, ['--push', '--yes']).status, 0);
      assert.equal(remoteNotes(privateRemote), notesRefOf(a));
      assert.equal(remoteNotes(remote), '');
      const bad = sync(a, ['nowhere']);
      assert.equal(bad.status, 66);
      assert.match(bad.stderr, /no git remote named 'nowhere'/);
      git(a, ['remote', 'add', 'gone', join(remote, '..', 'gone.git')]);
      const gone = sync(a, ['gone', '--push']);
      assert.equal(gone.status, 76);
      assert.match(gone.stderr, /could not fetch notes from 'gone': .*gone\.git' does not appear to be a git repository/);
    });
  });

  describe('aisess init --remote', () => {
    test('adds a fetch refspec onto the tracking ref (and a push refspec once allowed); --undo removes exactly them', async () => {
      const { clones, commits } = world(2);
      const [a, b] = clones as [string, string];
      await appendRecords(await open(b), commits[0]!, [record('b:0')]);
      assert.equal(sync(b, ['--push', '--yes']).status, 0);
      const r = runCli(['init', '--remote', 'origin'], { cwd: a, env });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /added git config remote\.origin\.fetch \+refs\/notes\/aisess:refs\/notes\/remotes\/origin\/aisess/);
      assert.match(r.stderr, /no push refspec/);
      git(a, ['fetch', '-q']);
      assert.ok(git(a, ['rev-parse', 'refs/notes/remotes/origin/aisess']));
      // Fetched beside the notes, not onto them: a's notes are still its own (init made the ref, empty).
      assert.equal(recordLines(a).size, 0);

      const pushing = runCli(['init', '--remote', 'origin'], { cwd: b, env });
      assert.match(pushing.stderr, /added git config remote\.origin\.push refs\/notes\/aisess:refs\/notes\/aisess/);
      assert.deepEqual(git(b, ['config', '--get-all', 'remote.origin.push']).split('\n'), ['HEAD', 'refs/notes/aisess:refs/notes/aisess']);

      const undo = runCli(['init', '--undo'], { cwd: a, env });
      assert.equal(undo.status, 0, undo.stderr);
      assert.match(undo.stderr, /removed git config remote\.origin\.fetch \+refs\/notes\/aisess/);
      assert.deepEqual(git(a, ['config', '--get-all', 'remote.origin.fetch']).split('\n'), ['+refs/heads/*:refs/remotes/origin/*']);
    });
  });
});
