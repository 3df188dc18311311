/**
 * Nothing is pushed unless asked, and a first push to a remote is confirmed: without a terminal
 * (exit 77, nothing pushed), on a terminal (no, then yes), with --yes; dry runs change nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendRecords } from '../../src/notes/write.js';
import { runInPty } from '../fixtures/pty-harness.js';
import { cliEntry } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { open, record } from '../notes/helpers.js';
import { env, notesRefOf, recordLines, remoteNotes, sync, world } from './sync-world.js';

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
});
