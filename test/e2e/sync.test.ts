/**
 * `aisess sync` against local bare remotes: three clones annotating the same and different
 * commits, pushing all at once; a separate notes remote and an unreachable one; `init --remote`.
 * The consent before a first push: sync-privacy.test.ts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { appendRecords } from '../../src/notes/write.js';
import { cliArgv, runCli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { open, record } from '../notes/helpers.js';
import { env, notesRefOf, recordLines, remoteNotes, sync, world } from './sync-world.js';

const run = promisify(execFile);

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

  describe('remotes', () => {
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
