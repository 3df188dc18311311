import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliEntry, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { cliInTerminal, runInTerminal, testEnv } from '../helpers/term.js';

function sessionsIn(state: string): string[] {
  const dir = join(state, 'sessions');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('aisess run: fallbacks and terminal-less runs', { timeout: 60_000 }, () => {
  let dir: { path: string; cleanup: () => void };
  let state: string;
  before(() => {
    dir = tempDir('aisess-fallback-');
    state = join(dir.path, 'state');
  });
  after(() => dir.cleanup());
  const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv =>
    testEnv({ AISESS_STATE_DIR: state, ...extra });

  it('stdin from a pipe: the agent reads it, exit code kept, no warning, recorded (run-piped.test.ts has the rest)', () => {
    const r = runCli(['run', '--', 'sh', '-c', 'cat; exit 5'], { input: 'piped text\n', env: env(), cwd: dir.path });
    assert.equal(r.status, 5);
    assert.equal(r.stdout, 'piped text\n');
    assert.equal(r.stderr, '');
    assert.equal(sessionsIn(state).filter((n) => n.endsWith('.json')).length, 1);
  });

  it('stdout into a file while on a terminal: the file gets the output unchanged, the terminal nothing, exit code kept', async () => {
    const out = join(dir.path, 'out.txt');
    const cmd = `"$0" "$1" run -- sh -c 'echo to-file; test -t 0 && echo stdin-is-tty; exit 4' > "$2"; echo "rc=$?"`;
    const t = runInTerminal('sh', ['-c', cmd, process.execPath, cliEntry(), out], { cwd: dir.path, env: { AISESS_STATE_DIR: state } });
    assert.deepEqual(await t.exited, { code: 0 });
    assert.equal(t.output(), 'rc=4\r\n');
    assert.equal(readFileSync(out, 'utf8'), 'to-file\nstdin-is-tty\n');
  });

  it('inside an aisess session (AISESS_SESSION set): runs the agent directly, silently, unrecorded', async () => {
    const earlier = sessionsIn(state);
    const t = cliInTerminal(['run', '--', 'sh', '-c', 'test -t 0 && echo "tty:$AISESS_SESSION"; exit 6'], {
      cwd: dir.path, env: { AISESS_STATE_DIR: state, AISESS_SESSION: 'outer-session' },
    });
    assert.deepEqual(await t.exited, { code: 6 });
    assert.equal(t.output(), 'tty:outer-session\r\n');
    assert.deepEqual(sessionsIn(state), earlier);
  });

  it('agent not on PATH: one clear line and exit 127, like a shell', () => {
    const r = runCli(['run', 'no-such-agent-4f2a', '--x'], { env: env(), cwd: dir.path });
    assert.equal(r.status, 127);
    assert.equal(r.stderr, 'aisess: no-such-agent-4f2a: command not found\n');
  });

  it('never resolves the agent to an aisess shim on PATH (no recursion)', async () => {
    const shims = join(dir.path, 'shims');
    const real = join(dir.path, 'real');
    for (const d of [shims, real]) mkdirSync(d);
    const script = (path: string, body: string): void => {
      writeFileSync(path, `#!/bin/sh\n${body}\n`);
      chmodSync(path, 0o755);
    };
    script(join(shims, 'aisess'), `exec "${process.execPath}" "${cliEntry()}" "$@"`);
    script(join(shims, 'fakeagent'), 'exec aisess run fakeagent "$@"');
    script(join(real, 'fakeagent'), 'echo "REAL[$*] session=${AISESS_SESSION:+yes}"');
    const t = runInTerminal(join(shims, 'fakeagent'), ['a b', 'c'], {
      cwd: dir.path, env: { AISESS_STATE_DIR: state, PATH: `${shims}:${real}:${process.env.PATH}` },
    });
    assert.deepEqual(await t.exited, { code: 0 });
    assert.match(t.output(), /REAL\[a b c\] session=yes/);
  });
});
