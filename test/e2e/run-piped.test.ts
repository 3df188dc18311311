/**
 * `aisess run` without a terminal (scripts, CI, editors): the agent runs on pipes, its output passes
 * through byte for byte and is recorded, stdin and its end reach it, its exit status is aisess's,
 * signals reach it, and a commit made afterwards gets a note with the conversation.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readJournal, type JournalContents } from '../../src/journal/reader.js';
import { listSessions, journalPath } from '../../src/store/sessions.js';
import { floodText } from '../../fixtures/lib/flood.mjs';
import { cliArgv, cliEntry, fixturesDir } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { runInTerminal } from '../helpers/term.js';
import { agentsWorld, aisess, commitPaths, waitForNote, type AgentsWorld } from './agents-session.js';
import { waitFor } from '../helpers/wait.js';

interface Piped {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs the built CLI with every stdio a pipe; `input` is written to stdin, which is then closed. */
function runPiped(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string; onStart?: (pid: number, stdout: () => string) => void }): Promise<Piped> {
  const [file, argv] = cliArgv(args);
  // Its own process group: on a developer's terminal, aisess must not count as the terminal's foreground.
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  child.stdin.end(opts.input ?? '');
  opts.onStart?.(child.pid as number, () => Buffer.concat(out).toString());
  return new Promise((resolve) => {
    child.on('close', (status, signal) => resolve({ status, signal, stdout: Buffer.concat(out), stderr: err }));
  });
}

async function onlyJournal(state: string): Promise<JournalContents> {
  const store = { dir: state };
  const sessions = await listSessions(store);
  assert.equal(sessions.length, 1, `one session in ${state}`);
  return readJournal(journalPath(store, sessions[0]!));
}

const output = (j: JournalContents): string => j.events.filter((e) => e.code === 'o').map((e) => e.data).join('');
const exitEvent = (j: JournalContents): string | undefined => j.events.find((e) => e.code === 'x')?.data;

async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('aisess run with stdout and stdin piped: recorded', { timeout: 600_000 }, () => {
  let dir: { path: string; cleanup: () => void };
  let n = 0;
  const state = (): string => join(dir.path, `state-${n++}`);
  const env = (st: string): NodeJS.ProcessEnv => ({ ...process.env, AISESS_STATE_DIR: st, PATH: `${join(fixturesDir, 'bin')}:${process.env.PATH}` });
  before(() => {
    dir = tempDir('aisess-piped-');
  });
  after(() => dir.cleanup());

  it('passes stdout and stderr through unchanged, keeps the exit code, journals both as a terminal shows them', async () => {
    const st = state();
    const r = await runPiped(['run', '--', 'sh', '-c', 'printf "out\\n"; printf "err\\n" >&2; printf "é\\r\\nlast"; exit 5'], { cwd: dir.path, env: env(st) });
    assert.equal(r.status, 5);
    assert.equal(r.stdout.toString(), 'out\né\r\nlast');
    assert.equal(r.stderr, 'err\n');
    const j = await onlyJournal(st);
    assert.equal(j.header.term.piped, true);
    assert.deepEqual([j.header.term.cols, j.header.term.rows], [80, 24]);
    // stdout and stderr are two pipes: the stderr line lands between stdout's chunks, never inside one.
    assert.equal(output(j).replace('err\r\n', ''), 'out\r\né\r\r\nlast');
    assert.match(output(j), /err\r\n/);
    assert.equal(exitEvent(j), '5');
  });

  const RUNS = 30;
  const BYTES = 300_000;
  it(`never truncates ~300 KB printed just before exit, ${RUNS} runs: stdout byte for byte, journal complete`, async () => {
    const expected = floodText(BYTES);
    const flood = join(dir.path, 'flood');
    writeFileSync(flood, expected);
    // The fake agent's flood, printed by cat with no node start-up before it: the agent exits as soon as its last write returns.
    const agent = ['sh', '-c', 'cat "$0"; exit 3', flood];
    const failures = await pool(RUNS, 4, async (i) => {
      const st = state();
      const r = await runPiped(['run', '--', ...agent], { cwd: dir.path, env: env(st) });
      const problems: string[] = [];
      if (r.status !== 3) problems.push(`status ${r.status} ${r.signal}`);
      if (!r.stdout.equals(expected)) problems.push(`stdout has ${r.stdout.length} of ${expected.length} bytes`);
      const j = await onlyJournal(st);
      const recorded = output(j);
      const want = expected.toString('utf8').replaceAll('\n', '\r\n');
      if (recorded !== want) problems.push(`journal has ${recorded.length} of ${want.length} chars`);
      if (exitEvent(j) !== '3') problems.push(`exit event ${exitEvent(j)}`);
      return problems.map((p) => `run ${i}: ${p}`);
    });
    assert.deepEqual(failures.flat(), []);
  });

  it('passes stdin through to its end: codex exec reads it and finishes', async () => {
    const st = state();
    const r = await runPiped(['run', 'fake-codex', 'exec', '--json', 'do it'], { cwd: dir.path, env: env(st), input: 'from stdin\n' });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { type: string; item?: { text?: string } });
    assert.deepEqual(lines.map((l) => l.type), ['thread.started', 'turn.started', 'item.completed', 'turn.completed']);
    assert.equal(lines[2]!.item!.text, 'You said: do it\n\n<stdin>\nfrom stdin\n</stdin>');
    assert.match(output(await onlyJournal(st)), /You said: do it\\n\\n<stdin>\\nfrom stdin\\n<\/stdin>/);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} reaches the agent; its exit status is aisess's and its last output is recorded`, async () => {
      const st = state();
      const script = `trap 'echo "got ${signal}"; exit 7' ${signal.slice(3)}; echo ready; while :; do sleep 0.05; done`;
      const r = await runPiped(['run', '--', 'sh', '-c', script], {
        cwd: dir.path, env: env(st),
        onStart: (pid, stdout) => {
          const poll = setInterval(() => {
            if (!stdout().includes('ready')) return;
            clearInterval(poll);
            process.kill(pid, signal);
          }, 20);
        },
      });
      assert.equal(r.status, 7, r.stderr);
      assert.equal(r.stdout.toString(), `ready\ngot ${signal}\n`);
      const j = await onlyJournal(st);
      assert.equal(output(j), `ready\r\ngot ${signal}\r\n`);
      assert.equal(exitEvent(j), '7');
    });
  }

  // The terminal signals the whole foreground group, the agent included, so aisess does not send it again
  // (two deliveries close together often merge, so this cannot always tell a second one apart).
  it('on a terminal with stdout to a file, Ctrl-C reaches the agent, aisess waits for it and keeps its exit code', async () => {
    const st = state();
    const out = join(dir.path, 'ctrl-c.txt');
    // node counts each delivery it sees.
    const agent = 'let n = 0; process.on("SIGINT", () => n++); console.log("ready"); setTimeout(() => { console.log(`ints=${n}`); process.exit(3); }, 1500);';
    const cmd = `trap 'echo outer-int' INT; "$0" "$1" run -- "$0" -e "$3" > "$2"; echo "rc=$?"`;
    const t = runInTerminal('sh', ['-c', cmd, process.execPath, cliEntry(), out, agent], { cwd: dir.path, env: { AISESS_STATE_DIR: st } });
    try {
      await waitFor(() => existsSync(out) && readFileSync(out, 'utf8').includes('ready'), 'the agent to be ready');
      t.write('\x03');
      assert.deepEqual(await t.exited, { code: 0 });
      assert.match(t.output(), /rc=3/);
      assert.equal(readFileSync(out, 'utf8'), 'ready\nints=1\n');
    } finally {
      await t.dispose();
    }
  });

  it('an agent killed by a signal: aisess dies by the same signal, the journal is complete', async () => {
    const st = state();
    const r = await runPiped(['run', '--', 'sh', '-c', 'echo before; kill -TERM $$'], { cwd: dir.path, env: env(st) });
    assert.equal(r.signal, 'SIGTERM');
    assert.equal(r.stdout.toString(), 'before\n');
    const j = await onlyJournal(st);
    assert.equal(output(j), 'before\r\n');
    assert.equal(exitEvent(j), String(128 + 15));
  });

  it('a reader that goes away (| head) ends the agent as it would without aisess', async () => {
    const st = state();
    const [file, argv] = cliArgv(['run', '--', 'yes']);
    const child = spawn('sh', ['-c', '"$@" | head -c 10', 'sh', file, ...argv], { cwd: dir.path, env: env(st) });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.equal(out, 'y\ny\ny\ny\ny\n');
  });
});

describe('aisess run claude -p / codex exec piped → commit → show', { timeout: 180_000 }, () => {
  let w: AgentsWorld;
  before(() => {
    w = agentsWorld();
  });
  after(() => w.cleanup());

  it('claude -p --output-format stream-json: stream passes through; the commit after it has prompt, answers and tool call', async () => {
    const steps = [{ prompt: 'add a hello module' }, { say: 'Adding hello.js.' },
      { write: { path: 'hello.js', content: 'export const hello = 1;\n' } }, { say: 'PIPED-DONE' }];
    const r = await runPiped(['run', 'claude', '-p', 'add a hello module', '--output-format', 'stream-json', '--verbose', '--script', JSON.stringify(steps)], {
      cwd: w.repo, env: { ...process.env, ...w.env },
    });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l) as { type: string; subtype?: string; session_id?: string });
    assert.equal(lines[0]!.subtype, 'init');
    assert.equal(lines.at(-1)!.type, 'result');
    const commit = commitPaths(w, ['hello.js'], 'hello');
    await waitForNote(w, commit);
    const json = JSON.parse(aisess(w, ['show', 'HEAD', '--json']));
    const segs = json.segments as { prompts: string[]; answers: string[]; toolCalls: { name: string; args: { path: string } }[]; agentSession: { id: string }; term: { piped?: boolean } }[];
    assert.deepEqual(segs.flatMap((s) => s.prompts), ['add a hello module']);
    assert.deepEqual(segs.flatMap((s) => s.answers), ['Adding hello.js.', 'PIPED-DONE']);
    assert.deepEqual(segs.flatMap((s) => s.toolCalls.map((c) => c.name)), ['Write']);
    // The --session-id aisess added is the one the agent used.
    assert.equal(segs[0]!.agentSession.id, lines[0]!.session_id);
    assert.equal(segs[0]!.term.piped, true);
    // Replay of a piped note works without a terminal size of its own.
    assert.match(aisess(w, ['replay', 'HEAD', '--instant']), /PIPED-DONE/);
  });

  it('codex exec --json: the commit after it has prompt, answer and file change', async () => {
    const steps = [{ prompt: 'add a codex file' }, { write: { path: 'codex.txt', content: 'from codex\n' } }, { say: 'CODEX-PIPED-DONE' }];
    const r = await runPiped(['run', 'codex', 'exec', '--json', '--script', JSON.stringify(steps), 'add a codex file'], {
      cwd: w.repo, env: { ...process.env, ...w.env },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout.toString(), /CODEX-PIPED-DONE/);
    const commit = commitPaths(w, ['codex.txt'], 'codex');
    await waitForNote(w, commit);
    const json = JSON.parse(aisess(w, ['show', 'HEAD', '--json']));
    const segs = json.segments as { agent: string; prompts: string[]; answers: string[]; toolCalls: unknown[] }[];
    assert.ok(segs.every((s) => s.agent === 'codex'));
    assert.deepEqual(segs.flatMap((s) => s.prompts), ['add a codex file']);
    assert.ok(segs.flatMap((s) => s.answers).includes('CODEX-PIPED-DONE'));
    assert.ok(segs.flatMap((s) => s.toolCalls).length >= 1);
  });
});
