import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { encodeJournal, scanBlocks } from '../../src/journal/blocks.js';
import { readJournal } from '../../src/journal/reader.js';
import { listSessions, journalPath } from '../../src/store/sessions.js';
import { cliArgv, cliEntry, fixturesDir } from '../helpers/cli.js';
import { tempDir, tempRepo } from '../helpers/git.js';
import { cliInTerminal, runInTerminal } from '../helpers/term.js';
import { waitFor } from '../helpers/wait.js';
import { recordSession, type Step } from '../replay/sample-session.js';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));
let template: string | undefined;
/** A fresh repository with a.ts committed: a copy of one built once (git init, add and commit are three processes). */
function repo(): string {
  if (template === undefined) {
    const r = tempRepo({ 'a.ts': 'x\n' });
    cleanups.push(r.cleanup);
    template = r.path;
  }
  const dir = tempDir('aisess-repo-');
  cleanups.push(dir.cleanup);
  cpSync(template, dir.path, { recursive: true });
  return dir.path;
}

/** A repository holding one recording of `steps`, made before the cases of a describe that only play it. */
function recorded(steps: Step[]): { cwd: string; rec: Awaited<ReturnType<typeof recordSession>> } {
  const shared = { cwd: '', rec: { id: '', path: '', output: '' } };
  before(async () => {
    shared.cwd = repo();
    shared.rec = await recordSession(shared.cwd, steps);
  });
  return shared;
}

/** Runs the built CLI without a terminal and keeps stdout as raw bytes. */
function replay(cwd: string, args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const [file, argv] = cliArgv(['replay', ...args]);
  const r = spawnSync(file, argv, { cwd, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

const big = Array.from({ length: 4000 }, (_, i) => `\x1b[${(i % 40) + 1};1H\x1b[3${i % 8}mline ${i} ✓ ünïcødé 🚀\x1b[0m\r\n`).join('');
const session: Step[] = [
  { output: '\x1b[?1049h\x1b[2J\x1b[H' },
  { wait: 0.2, output: 'Welcome to fake-agent ⚡\r\n' },
  { wait: 0.1, input: 'fix it\r' },
  { wait: 30, marker: 'prompt 1' },
  { event: 'aisess.agent' },
  { output: big },
  { resize: [100, 30] },
  { wait: 0.5, output: '\x1b]0;title\x07tabs\there\r\nbare \n lf and \r cr' },
  { event: 'aisess.worktree' },
  { wait: 2, output: '\x1b[?1049l' },
];

describe('aisess replay --instant (fidelity)', () => {
  const played = recorded(session);

  test('writes the recorded output bytes that draw the screen, by id, prefix, --last, default and journal path', async () => {
    const { cwd, rec } = played;
    // The window title is the only thing in this recording that does not draw.
    const expected = Buffer.from(rec.output.replace('\x1b]0;title\x07', ''), 'utf8');
    assert.notEqual(expected.length, Buffer.byteLength(rec.output));
    const copy = join(cwd, '..', `${rec.id}-copy.cast.zst`);
    copyFileSync(rec.path, copy);
    cleanups.push(() => spawnSync('rm', ['-f', copy]));
    for (const args of [[rec.id], [rec.id.slice(0, 12)], ['--last'], [], [rec.path], [copy]]) {
      const r = replay(cwd, ['--instant', ...args]);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.stdout.equals(expected), `${args.join(' ')}: ${r.stdout.length} bytes, expected ${expected.length}`);
      // Not a terminal: no status lines at all.
      assert.equal(r.stderr, '');
    }
  });

  test('--unfiltered plays a session of this machine exactly as recorded, and nothing else', async () => {
    const { cwd, rec } = played;
    const r = replay(cwd, ['--instant', '--unfiltered', rec.id]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.equals(Buffer.from(rec.output, 'utf8')));
    const file = replay(cwd, ['--instant', '--unfiltered', rec.path]);
    assert.equal(file.status, 64);
    assert.match(file.stderr, /--unfiltered plays only a session recorded on this machine, and .* is a file/);
    assert.equal(file.stdout.length, 0);
  });

  test('plays a plain asciicast v3 and v2 file byte for byte', () => {
    const cwd = repo();
    const v3 = '{"version":3,"term":{"cols":80,"rows":24}}\n[0.5,"o","a\\u001b[1mé"]\n[1,"m","x"]\n[0,"o","\\r\\n"]\n';
    const v2 = '{"version":2,"width":80,"height":24}\n[0.5,"o","a\\u001b[1mé"]\n[1.5,"o","\\r\\n"]\n';
    writeFileSync(join(cwd, 'v3.cast'), v3);
    writeFileSync(join(cwd, 'v2.cast'), v2);
    for (const file of ['v3.cast', 'v2.cast']) {
      const r = replay(cwd, ['--instant', file]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.toString('utf8'), 'a\x1b[1mé\r\n');
    }
  });

  test('plays with timing when not instant (speed and idle cap keep it short)', async () => {
    const cwd = repo();
    const rec = await recordSession(cwd, [{ output: 'a' }, { wait: 3600, output: 'b' }, { wait: 1, output: 'c' }]);
    const r = replay(cwd, [rec.id, '--speed', '4', '--idle-limit', '0.2']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.toString(), 'abc');
  });
});

describe('aisess replay of a session recorded by `aisess run`', { timeout: 120_000 }, () => {
  test('--instant --unfiltered writes the recorded output byte for byte: what the user saw while recording', async () => {
    const dir = tempDir('aisess-replay-run-');
    cleanups.push(dir.cleanup);
    const env = { AISESS_STATE_DIR: join(dir.path, 'state'), PATH: `${join(fixturesDir, 'bin')}:${process.env.PATH}` };
    const t = cliInTerminal(['run', 'fake-claude'], { cwd: dir.path, env, cols: 100, rows: 30 });
    await t.waitFor(/\x1b\[/);
    t.write('\x04');
    assert.deepEqual(await t.exited, { code: 0 });
    const store = { dir: env.AISESS_STATE_DIR };
    const [meta] = await listSessions(store);
    assert.ok(meta, 'a session was recorded');
    const journal = await readJournal(journalPath(store, meta));
    const recorded = Buffer.from(journal.events.filter((e) => e.code === 'o').map((e) => e.data).join(''), 'utf8');
    assert.ok(recorded.length > 100, 'the fake agent drew its TUI');
    const [file, argv] = cliArgv(['replay', '--instant', '--unfiltered', meta.id]);
    const r = spawnSync(file, argv, { cwd: dir.path, env: { ...process.env, ...env }, timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr.toString());
    assert.ok(r.stdout.equals(recorded), `replayed ${r.stdout.length} bytes, recorded ${recorded.length}`);
    assert.ok(r.stdout.equals(t.outputBuffer()), 'the replay equals what the user saw');
  });
});

describe('aisess replay of a damaged journal', () => {
  test('plays the readable part and says on stderr what was skipped', async () => {
    const cwd = repo();
    const rec = await recordSession(cwd, [{ output: 'one\r\n' }]);
    // Rewritten as three blocks, as three flushes of a longer session would leave it, then one is hit.
    const { header } = await readJournal(rec.path);
    const out = (time: number, data: string) => [{ time, code: 'o', data }];
    const file = encodeJournal(header, [out(0, 'one\r\n'), out(2, 'two\r\n'), out(4, 'three\r\n')]);
    const two = scanBlocks(file).blocks[2]!;
    file[two.end - 2] = file[two.end - 2]! ^ 0xff;
    writeFileSync(rec.path, file);
    const r = replay(cwd, ['--instant', rec.id]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.toString(), 'one\r\nthree\r\n');
    assert.match(r.stderr, new RegExp(`skipped unreadable data \\(${two.end - two.offset} bytes at offset ${two.offset}: checksum mismatch\\)`));
  });
});

describe('aisess replay errors', () => {
  // None of them records: one repository without a session serves them all.
  let cwd = '';
  before(() => {
    cwd = repo();
  });
  const rows: { args: string[]; status: number; stderr: RegExp }[] = [
    { args: ['20990101-000000-abcdef'], status: 66, stderr: /no session '20990101-000000-abcdef'/ },
    { args: ['missing/file.cast'], status: 66, stderr: /no such file: missing\/file\.cast/ },
    { args: ['--speed', 'fast'], status: 64, stderr: /--speed expects a positive number.*'fast'/ },
    { args: ['--idle-limit', '-1'], status: 64, stderr: /--idle-limit expects a positive number/ },
    { args: ['--last', 'abc'], status: 64, stderr: /either --last or 'abc'/ },
    { args: ['--bogus'], status: 64, stderr: /unknown option '--bogus'/ },
  ];
  for (const row of rows) {
    test(`${row.args.join(' ')} → ${row.status}`, () => {
      const r = replay(cwd, row.args);
      assert.equal(r.status, row.status, r.stderr);
      assert.match(r.stderr, row.stderr);
      assert.equal(r.stdout.length, 0);
    });
  }

  test('no session recorded yet → notFound', () => {
    const r = replay(cwd, []);
    assert.equal(r.status, 66);
    assert.match(r.stderr, /no session recorded yet/);
  });

  test('a file that is not a recording → badData, naming the file and its first line', () => {
    writeFileSync(join(cwd, 'notes.txt'), 'just some text\n');
    const r = replay(cwd, ['notes.txt']);
    assert.equal(r.status, 65);
    assert.match(r.stderr, /notes\.txt is not a playable recording: its first line is "just some text"/);
  });
});

/**
 * The CLI under a real pty, through a shell that prints the terminal modes afterwards; read with
 * the suite's drain-safe terminal, so the shell's last line is never lost when it exits.
 */
function underPty(cwd: string, script: string, size: { cols: number; rows: number }) {
  const term = runInTerminal('bash', ['--norc', '--noprofile', '-c', script], {
    ...size, cwd, env: { AISESS: `${process.execPath} ${cliEntry()}`, NO_COLOR: '1' },
  });
  cleanups.push(() => void term.dispose());
  const exited = term.exited.then((s) => ('code' in s ? s.code : -1));
  return { term, output: () => term.output(), exited };
}

describe('aisess replay in a terminal', () => {
  test('warns on stderr when the terminal is smaller than the recording (40x10 vs 120x40)', async () => {
    const cwd = repo();
    const rec = await recordSession(cwd, [{ output: 'hello\r\n' }, { wait: 0.1, resize: [200, 50] }, { output: 'bye\r\n' }]);
    const p = underPty(cwd, `$AISESS replay --instant ${rec.id}; echo "RC=$?"`, { cols: 40, rows: 10 });
    assert.equal(await p.exited, 0);
    // One line at the start, one at the recorded resize, each in its place in the stream.
    const warning = (size: string) => `aisess: recorded at ${size}, this terminal is 40x10: [^\r\n]*\r\n`;
    assert.match(p.output(), new RegExp(`^${warning('120x40')}hello\r\n${warning('200x50')}bye\r\nRC=0\r\n$`));
  });

  test('no warning when the terminal is large enough; bare LF is not turned into CRLF', async () => {
    const cwd = repo();
    const rec = await recordSession(cwd, [{ output: 'hello\r\n' }, { output: 'a\nb\r\n' }], { cols: 80, rows: 24 });
    const p = underPty(cwd, `$AISESS replay --instant ${rec.id}; echo "RC=$?"`, { cols: 100, rows: 30 });
    assert.equal(await p.exited, 0);
    // The shell's own echo gets CRLF again: the output modes were restored.
    assert.equal(p.output(), 'hello\r\na\nb\r\nRC=0\r\n');
  });

  const longSession = recorded([
    { output: 'first\r\n' },
    { wait: 3600, marker: 'later' },
    { wait: 0.5, output: 'second\r\n' },
    { wait: 3600, output: 'third\r\n' },
  ]);
  const modes = 'stty -a | grep -o -- "-\\?icanon\\|-\\?echo \\|-\\?isig\\|-\\?opost"';

  for (const [name, quit] of [['q', 'q'], ['Ctrl-C', '\x03']]) {
    test(`keys: ] jumps to the marker, . steps, ${name} quits; the terminal modes are restored`, async () => {
      const { cwd, rec } = longSession;
      const p = underPty(cwd, `$AISESS replay ${rec.id}; echo "RC=$?"; ${modes}`, { cols: 120, rows: 40 });
      await waitFor(() => p.output().includes('first'), 'first output');
      p.term.write(']');
      p.term.write('.');
      await waitFor(() => p.output().includes('second'), 'the step after the marker');
      p.term.write(quit!);
      assert.equal(await p.exited, 0);
      const out = p.output();
      assert.doesNotMatch(out, /third/);
      assert.match(out, /RC=0/);
      assert.match(out, /\bicanon\r\necho \r\n/);
      assert.doesNotMatch(out, /-icanon|-isig|-echo|-opost/);
    });
  }

  test('answers the terminal types by itself are not keys; q still quits; cursor and screen are given back', async () => {
    const cwd = repo();
    const rec = await recordSession(cwd, [
      { output: '\x1b[?1049h\x1b[?25l\x1b[1;31mfirst\x1b[6n\x1b]11;?\x07\r\n' },
      { wait: 3600, output: 'second\r\n' },
      { wait: 3600, output: 'third\r\n' },
    ]);
    const p = underPty(cwd, `$AISESS replay ${rec.id}; echo "RC=$?"`, { cols: 120, rows: 40 });
    await waitFor(() => p.output().includes('first'), 'first output');
    // What a terminal would answer to DSR and an OSC 11 query, and a paste: all hold player keys.
    // Then a pause and one step: keys are read in order, so once the step has shown "second",
    // the answers were read too; had they acted, the player would have quit (q) or run to the end (]).
    p.term.write('\x1b[12;40R\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[200~q. ]\x1b[201~ .');
    await waitFor(() => p.output().includes('second'), 'the step to show the second output');
    assert.doesNotMatch(p.output(), /RC=|third/, 'nothing in those answers quit the player or skipped ahead');
    p.term.write('q');
    assert.equal(await p.exited, 0);
    const out = p.output();
    assert.doesNotMatch(out, /\x1b\[6n|\x1b\]11/, 'the queries were not played');
    const after = out.slice(out.indexOf('first'));
    for (const undo of ['\x1b[?1049l', '\x1b[?25h', '\x1b[0m']) assert.ok(after.includes(undo), `${JSON.stringify(undo)} restores the terminal`);
    assert.ok(after.indexOf('\x1b[?1049l') < after.indexOf('RC=0'));
  });

  for (const [sig, status] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    test(`${sig} ends playback with the signal (${status}) and restores the terminal`, async () => {
      const { cwd, rec } = longSession;
      const script = `$AISESS replay ${rec.id} </dev/tty & pid=$!; echo "PID=$pid"; wait $pid; echo "RC=$?"; ${modes}`;
      const p = underPty(cwd, script, { cols: 120, rows: 40 });
      const pid = await waitFor(() => /PID=(\d+)/.exec(p.output())?.[1], 'the replay pid');
      await waitFor(() => p.output().includes('first'), 'first output');
      process.kill(Number(pid), sig);
      assert.equal(await p.exited, 0);
      const out = p.output();
      assert.match(out, new RegExp(`RC=${status}`));
      assert.match(out, /\bicanon\r\necho \r\n/);
      assert.doesNotMatch(out, /-icanon|-isig|-echo|-opost/);
    });
  }
});
