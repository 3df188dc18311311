import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { openRepo } from '../../src/git/repo.js';
import { appendRecords, BrokenNotesRefError, readHeadlines, readNote } from '../../src/notes/index.js';
import { recordSession } from '../bind/session.js';
import { runCli } from '../helpers/cli.js';
import { git, gitEnv, tempRepo } from '../helpers/git.js';
import { record } from './helpers.js';

const env = { ...process.env, ...gitEnv, GIT_CEILING_DIRECTORIES: tmpdir(), TZ: 'UTC' };
const REF = 'refs/notes/aisess';
const NOWHERE = '1234567890123456789012345678901234567890';

function setup(t: { after: (fn: () => void) => void }): string {
  const dir = tempRepo({ 'a.txt': 'a0\n' });
  t.after(dir.cleanup);
  return realpathSync(dir.path);
}

/** A loose ref file written by hand: git update-ref refuses an id whose object is missing. */
function breakRef(dir: string, target: string): void {
  mkdirSync(`${dir}/.git/refs/notes`, { recursive: true });
  writeFileSync(`${dir}/.git/${REF}`, `${target}\n`);
}

/** Points the notes ref at what a `git gc --prune=now` left: a missing object, or one of the wrong type. */
const breakings: { name: string; target: (dir: string) => string; what: RegExp }[] = [
  { name: 'a missing object', target: () => NOWHERE, what: /a missing object/ },
  { name: 'a blob', target: (dir) => git(dir, ['hash-object', '-w', 'a.txt']), what: /a blob/ },
];

for (const b of breakings) {
  test(`a notes ref pointing at ${b.name} is an error naming the ref, on read and on write`, async (t) => {
    const dir = setup(t);
    const repo = await openRepo(dir, { env: gitEnv });
    const target = b.target(dir);
    breakRef(dir, target);
    for (const [name, op] of [
      ['readNote', () => readNote(repo, 'HEAD')],
      ['readHeadlines', () => readHeadlines(repo)],
      ['appendRecords', () => appendRecords(repo, 'HEAD', [record('s:0')])],
    ] as const) {
      await assert.rejects(op(), (err: unknown) => {
        assert.ok(err instanceof BrokenNotesRefError, `${name}: ${String(err)}`);
        assert.equal(err.kind, 'brokenRef');
        assert.match(err.message, new RegExp(`notes ref ${REF} is broken: it points at ${target}`));
        assert.match(err.message, b.what);
        assert.match(err.hint ?? '', /git update-ref -d refs\/notes\/aisess/);
        return true;
      });
    }
    assert.equal(git(dir, ['rev-parse', REF]), target, 'the broken ref is left as it was');
  });
}

test('a missing notes ref is no notes yet: no error, nothing printed', async (t) => {
  const dir = setup(t);
  const repo = await openRepo(dir, { env: gitEnv });
  assert.deepEqual((await readNote(repo, 'HEAD')).records, []);
  assert.equal((await readHeadlines(repo)).size, 0);
  const log = runCli(['log'], { cwd: dir, env });
  assert.equal(log.status, 0, log.stderr);
  assert.doesNotMatch(log.stderr, /broken|invalid/);
});

test('show, log and status exit 74 on a broken notes ref; status lists the bind it failed; repaired, it binds', async (t) => {
  const dir = setup(t);
  const s = await recordSession(dir, [{ out: 'edit a' }, { write: { 'a.txt': 'a1\n' } }, { out: 'done' }]);
  git(dir, ['commit', '-qam', 'a']);
  breakRef(dir, NOWHERE);
  for (const args of [['show', 'HEAD'], ['log']]) {
    const r = runCli(args, { cwd: dir, env });
    assert.equal(r.status, 74, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /notes ref refs\/notes\/aisess is broken/);
    assert.match(r.stderr, /git update-ref -d refs\/notes\/aisess/);
    assert.doesNotMatch(r.stderr, /no commit in this range carries/);
  }
  const status = runCli(['status'], { cwd: dir, env });
  assert.equal(status.status, 74, status.stderr);
  assert.match(status.stdout, /binding failed/);
  assert.match(status.stdout, new RegExp(`session ${s.id}: notes ref refs/notes/aisess is broken`));
  assert.match(status.stderr, /notes ref refs\/notes\/aisess is broken/);
  const json = runCli(['status', '--json'], { cwd: dir, env });
  assert.equal(json.status, 74);
  assert.match((JSON.parse(json.stdout) as { failures: { message: string }[] }).failures[0]!.message, /is broken/);

  // The recorded changes waited: once the ref is deleted, status binds them.
  git(dir, ['update-ref', '-d', REF]);
  const fixed = runCli(['status'], { cwd: dir, env });
  assert.equal(fixed.status, 0, fixed.stderr);
  assert.doesNotMatch(fixed.stdout, /binding failed/);
  const show = runCli(['show', 'HEAD', '--json'], { cwd: dir, env });
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, new RegExp(`${s.id}:0`));
});

test('after aisess init, an amend before the first note prints nothing; init --undo removes the empty ref', (t) => {
  const dir = setup(t);
  const init = runCli(['init'], { cwd: dir, env });
  assert.equal(init.status, 0, init.stderr);
  writeFileSync(`${dir}/a.txt`, 'a1\n');
  git(dir, ['commit', '-qam', 'two']);
  const amend = spawnSync('git', ['commit', '-q', '--amend', '-m', 'two, amended'], { cwd: dir, env, encoding: 'utf8' });
  assert.equal(amend.status, 0, amend.stderr);
  assert.equal(amend.stderr, '', 'git says nothing about the notes ref');
  assert.equal(git(dir, ['notes', '--ref=aisess', 'list']), '', 'the ref exists and holds no note');
  const undo = runCli(['init', '--undo'], { cwd: dir, env });
  assert.equal(undo.status, 0, undo.stderr);
  assert.equal(spawnSync('git', ['rev-parse', '-q', '--verify', REF], { cwd: dir, env }).status, 1, 'the empty ref is gone');
});
