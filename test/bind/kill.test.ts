/**
 * Binders that die, never run, or fail: real git in temp dirs, the built CLI as real processes
 * (`npm run build` first). Whatever happens to a binder, the next one (or `aisess status`) binds
 * every commit with exactly its own change, and nothing is lost or doubled.
 * A round of the first test replays with AISESS_KILL_SEED=<the seed in its name> (the same kill delays
 * and overlaps; where exactly each binder is when killed still depends on the machine):
 *   AISESS_KILL_SEED=123 node --import tsx --test test/bind/kill.test.ts
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { failuresPath, readFailures } from '../../src/bind/failures.js';
import { ledgerPath, readLedger } from '../../src/bind/ledger-file.js';
import { bindLockPath } from '../../src/bind/bind-lock.js';
import { openRepo, type Repo } from '../../src/git/repo.js';
import { listNotedCommits, readNote, readNotes, type NoteRead } from '../../src/notes/index.js';
import type { SegmentBody } from '../../src/record/body.js';
import { cliEntry, runCli } from '../helpers/cli.js';
import { git, gitEnv, tempRepo } from '../helpers/git.js';
import { recordSession } from './session.js';

const env = { ...process.env, ...gitEnv };
const N = 12;
const ROUNDS = 5;
const file = (i: number) => `f${String(i).padStart(2, '0')}.txt`;

async function setup(tree: Record<string, string>) {
  const dir = tempRepo(tree);
  const path = realpathSync(dir.path);
  return { path, repo: await openRepo(path, { env: gitEnv }), cleanup: dir.cleanup };
}

/** mulberry32: a seed names the whole round (kill delays, overlaps). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts the binder as the post-commit hook does; SIGKILLs it after killMs (null: let it finish). */
function startBinder(cwd: string, sha: string, killMs: number | null): Promise<'finished' | 'killed'> {
  const child = spawn(process.execPath, [cliEntry(), 'hook', 'post-commit', sha], { cwd, env, stdio: 'ignore' });
  const timer = killMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`the binder exited with ${code ?? signal}`));
    });
  });
}

/** Record ids on a commit, and what each record says it bound there ('path:full'). */
async function boundOn(repo: Repo, commit: string): Promise<{ ids: string[]; bound: string[] }> {
  return bound(commit, await readNote(repo, commit));
}

function bound(commit: string, note: NoteRead): { ids: string[]; bound: string[] } {
  assert.deepEqual(note.problems, [], `the note of ${commit} decodes without problems`);
  const bodies = note.records.map((r) => r.body as SegmentBody);
  return {
    ids: note.records.map((r) => r.id).sort(),
    bound: bodies.flatMap((b) => b.paths.filter((p) => p.bound !== null).map((p) => `${p.path}:${p.bound}`)).sort(),
  };
}

/** The notes of many commits in one read (a commit without one: no records), for the rounds' dozen commits. */
async function notesOf(repo: Repo, commits: string[]): Promise<NoteRead[]> {
  const notes = await readNotes(repo, commits);
  return commits.map((c) => notes.get(c) ?? { records: [], problems: [] });
}

/** Commits `path` alone, as `git add path && git commit` would; its id, from what git prints (no process more to ask). */
function commitOnly(cwd: string, path: string, message: string): string {
  const printed = git(cwd, ['-c', 'core.abbrev=no', 'commit', '-m', message, '--', path]);
  const sha = /^\[\S+ ([0-9a-f]{40,64})\]/.exec(printed)?.[1];
  assert.ok(sha, printed);
  return sha;
}

/** `aisess status --json`: exits 0; its report. */
function status(cwd: string): { sessions: { session: string; segments: { index: number; paths: { path: string }[] }[] }[]; failures: { session: string; message: string }[] } {
  const r = runCli(['status', '--json'], { cwd, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** How long a binder of this scenario runs here: kill delays are drawn over its whole run (0-150 ms would hit only node's start-up). */
let calibrated: Promise<number> | undefined;
function binderMs(): Promise<number> {
  return (calibrated ??= (async () => {
    const r = await setup(Object.fromEntries(Array.from({ length: N }, (_, i) => [file(i), `${i} before\n`])));
    try {
      await recordSession(r.path, Array.from({ length: N }, (_, i) => ({ write: { [file(i)]: `${i} by the agent\n` } })));
      const first = commitOnly(r.path, file(0), 'first');
      const t0 = performance.now();
      assert.equal(await startBinder(r.path, first, null), 'finished');
      return Math.max(150, performance.now() - t0);
    } finally {
      r.cleanup();
    }
  })());
}

const base = Number(process.env.AISESS_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
for (let round = 0; round < (process.env.AISESS_KILL_SEED ? 1 : ROUNDS); round++) {
  const seed = base + round;
  test(`binders killed at random: every commit ends with exactly its own change (seed ${seed})`, async (t) => {
    const rnd = random(seed);
    const span = 1.25 * (await binderMs());
    // The spared ones too are killed, late, should they wait on a lock that will not go (see the TODO test below).
    const cap = Math.max(2000, 4 * span);
    const r = await setup(Object.fromEntries(Array.from({ length: N }, (_, i) => [file(i), `${i} before\n`])));
    t.after(r.cleanup);
    const s = await recordSession(r.path, Array.from({ length: N }, (_, i) => ({ write: { [file(i)]: `${i} by the agent\n` } })));
    const shas: string[] = [];
    const running: Promise<'finished' | 'killed'>[] = [];
    for (let i = 0; i < N; i++) {
      shas.push(commitOnly(r.path, file(i), `change ${i}`));
      // A quarter of them run to the end; the others die anywhere from start-up to their last write.
      const binder = startBinder(r.path, shas[i]!, rnd() < 0.25 ? cap : Math.floor(rnd() * span));
      running.push(binder);
      // Half the time the next commit comes while this binder still runs (or dies).
      if (rnd() < 0.5) await binder;
    }
    const outcomes = await Promise.all(running);
    // A binder killed between creating bind.lock and writing its pid leaves it empty: the next bind breaks it after 2 s.
    const lock = bindLockPath(s.storeDir);
    const orphan = existsSync(lock) && readFileSync(lock, 'utf8') === '';
    const noted = (await notesOf(r.repo, shas)).map((n) => n.records.length > 0);
    const before = await readLedger(s.storeDir, s.id);
    const looked = 'ledger' in before ? before.ledger.evaluated : [];
    // Died between writing the note and the ledger: the catch-up must find the record there and not double it.
    const torn = shas.filter((c, i) => noted[i] && !looked.includes(c)).length;
    const temps = [s.storeDir, join(s.storeDir, 'ledger')].flatMap((d) => (existsSync(d) ? readdirSync(d) : []).filter((n) => n.endsWith('.tmp')));
    t.diagnostic(`seed ${seed}: kills over 0-${span.toFixed(0)} ms (a quarter at ${cap.toFixed(0)} ms); ${outcomes.filter((o) => o === 'finished').length} binders finished, ${outcomes.filter((o) => o === 'killed').length} killed; ${noted.filter(Boolean).length}/${N} commits noted before the catch-up, ${torn} of them not yet in the ledger; ${temps.length} temp files left${orphan ? '; an empty bind.lock was left' : ''}`);

    try {
      assert.deepEqual(status(r.path), { sessions: [], failures: [] }, 'nothing pending, nothing failed');
      const notes = await notesOf(r.repo, shas);
      for (let i = 0; i < N; i++) {
        assert.deepEqual(bound(shas[i]!, notes[i]!), { ids: [`${s.id}:${i}`], bound: [`${file(i)}:full`] }, `commit ${i} carries its own change only`);
      }
      assert.deepEqual([...(await listNotedCommits(r.repo)).keys()].sort(), [...shas].sort(), 'no other commit carries a note');
      const ledger = await readLedger(s.storeDir, s.id);
      assert.ok(!('damaged' in ledger) && ledger.found, `the ledger parses: ${JSON.stringify(ledger)}`);
      assert.ok(shas.every((c) => ledger.ledger.evaluated.includes(c)), 'every commit was looked at');
      assert.deepEqual(ledger.ledger.bindings.map((b) => `${b.segment}@${b.commit}`).sort(), shas.map((c, i) => `${i}@${c}`).sort());
      assert.equal(existsSync(bindLockPath(s.storeDir)), false, 'no lock left behind');
    } catch (err) {
      (err as Error).message = `[seed ${seed}: AISESS_KILL_SEED=${seed} reproduces this round] ${(err as Error).message}`;
      throw err;
    }
  });
}

test('a binder killed after writing the note, before its ledger: the next bind neither doubles nor moves the record', async (t) => {
  const r = await setup({ 'a.txt': 'a0\n', 'b.txt': 'b0\n' });
  t.after(r.cleanup);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }]);
  const a = commitOnly(r.path, 'a.txt', 'a');
  assert.equal(await startBinder(r.path, a, null), 'finished');
  const ledgerAfterA = readFileSync(ledgerPath(s.storeDir, s.id));
  const b = commitOnly(r.path, 'b.txt', 'b');
  assert.equal(await startBinder(r.path, b, null), 'finished');
  // The state a SIGKILL between appendRecords and writeLedger leaves (a window too narrow to hit by timing).
  writeFileSync(ledgerPath(s.storeDir, s.id), ledgerAfterA);
  assert.deepEqual(status(r.path), { sessions: [], failures: [] });
  assert.deepEqual(await boundOn(r.repo, a), { ids: [`${s.id}:0`], bound: ['a.txt:full'] });
  assert.deepEqual(await boundOn(r.repo, b), { ids: [`${s.id}:1`], bound: ['b.txt:full'] });
  const ledger = await readLedger(s.storeDir, s.id);
  assert.ok('ledger' in ledger);
  assert.deepEqual(ledger.ledger.bindings.map((x) => `${x.segment}@${x.commit}`).sort(), [`0@${a}`, `1@${b}`].sort());
});

test('no hook ever runs: nothing is bound until `aisess status`, which binds each commit with its own change', async (t) => {
  const r = await setup({ 'a.txt': 'a0\n', 'b.txt': 'b0\n', 'c.txt': 'c0\n' });
  t.after(r.cleanup);
  git(r.path, ['config', 'aisess.autoInit', 'false']);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }, { write: { 'c.txt': 'c1\n' } }]);
  git(r.path, ['commit', '-qm', 'a', '--', 'a.txt']);
  writeFileSync(join(r.path, 'z.txt'), 'by hand\n');
  git(r.path, ['add', 'z.txt']);
  git(r.path, ['commit', '-qm', 'unrelated']);
  git(r.path, ['commit', '-qm', 'b', '--', 'b.txt']);
  git(r.path, ['commit', '-qm', 'c', '--', 'c.txt']);
  const [c, b, z, a] = git(r.path, ['rev-list', '-4', 'HEAD']).split('\n');
  assert.equal(readdirSync(join(r.path, '.git/hooks')).some((h) => !h.endsWith('.sample')), false, 'no hook installed');
  assert.equal((await listNotedCommits(r.repo)).size, 0, 'nothing bound before `aisess status`');

  const out = runCli(['status'], { cwd: r.path, env });
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout, 'aisess.autoInit is false in this repository: `aisess run` does not install the git hooks here (`aisess init` installs them and turns it back on)\n');
  assert.match(out.stderr, /nothing pending/);
  assert.deepEqual(await boundOn(r.repo, a!), { ids: [`${s.id}:0`], bound: ['a.txt:full'] });
  assert.deepEqual(await boundOn(r.repo, z!), { ids: [], bound: [] });
  assert.deepEqual(await boundOn(r.repo, b!), { ids: [`${s.id}:1`], bound: ['b.txt:full'] });
  assert.deepEqual(await boundOn(r.repo, c!), { ids: [`${s.id}:2`], bound: ['c.txt:full'] });
});

/** A bind that fails: recorded and listed, the change keeps waiting; fixed, the next status binds it. */
const causes: { name: string; break: (path: string, store: string, session: string) => void; fix: (path: string, store: string, session: string) => void; says: RegExp }[] = [
  {
    name: 'an invalid aisess.redact.pattern',
    break: (path) => git(path, ['config', 'aisess.redact.pattern', '(unclosed']),
    fix: (path) => git(path, ['config', '--unset-all', 'aisess.redact.pattern']),
    says: /aisess\.redact\.pattern/,
  },
  {
    name: 'a ledger directory it cannot use',
    break: (_, store, session) => writeFileSync(dirname(ledgerPath(store, session)), 'not a directory\n'),
    fix: (_, store, session) => rmSync(dirname(ledgerPath(store, session))),
    says: /ledger/,
  },
];
for (const cause of causes) {
  test(`a binder that fails (${cause.name}): recorded, listed by status, bound once fixed`, async (t) => {
    const r = await setup({ 'a.txt': 'a0\n' });
    t.after(r.cleanup);
    const s = await recordSession(r.path, [{ out: 'edit a' }, { write: { 'a.txt': 'a1\n' } }]);
    cause.break(r.path, s.storeDir, s.id);
    const sha = commitOnly(r.path, 'a.txt', 'a');
    assert.equal(await startBinder(r.path, sha, null), 'finished', 'the hook never fails');
    const failures = await readFailures(s.storeDir);
    assert.deepEqual(failures.map((f) => f.session), [s.id], `in ${failuresPath(s.storeDir)}`);
    assert.match(failures[0]!.message, cause.says);
    assert.match(readFileSync(join(s.storeDir, 'hook.log'), 'utf8'), new RegExp(`session ${s.id} not bound`));

    const human = runCli(['status'], { cwd: r.path, env });
    assert.equal(human.status, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`binding failed[^]*session ${s.id}`));
    const report = status(r.path);
    assert.deepEqual(report.failures.map((f) => f.session), [s.id]);
    if (cause.name.includes('ledger')) assert.match(JSON.stringify(report.sessions), /cannot be read/);
    else assert.deepEqual(report.sessions.map((x) => x.segments.map((g) => g.paths.map((p) => p.path))), [[['a.txt']]], 'the change still waits');
    assert.deepEqual((await boundOn(r.repo, sha)).ids, [], 'nothing bound meanwhile');

    cause.fix(r.path, s.storeDir, s.id);
    assert.deepEqual(status(r.path), { sessions: [], failures: [] }, 'bound, and the failure is gone');
    assert.deepEqual(await boundOn(r.repo, sha), { ids: [`${s.id}:0`], bound: ['a.txt:full'] });
    assert.deepEqual(await readFailures(s.storeDir), []);
  });
}

test(
  'a binder killed between creating the lock and writing its pid does not stop the next bind',
  async (t) => {
    const r = await setup({ 'a.txt': 'a0\n' });
    t.after(r.cleanup);
    const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
    git(r.path, ['commit', '-qam', 'a']);
    // What open(O_EXCL) leaves when SIGKILL lands before the pid is written: too narrow a window to hit by timing.
    writeFileSync(bindLockPath(s.storeDir), '');
    const past = new Date(Date.now() - 3000);
    utimesSync(bindLockPath(s.storeDir), past, past);
    const out = runCli(['status', '--json'], { cwd: r.path, env, timeout: 10_000 });
    assert.equal(out.signal, null, '`aisess status` still running after 10 s');
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), { sessions: [], failures: [] });
  },
);
