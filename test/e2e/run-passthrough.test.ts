import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/git.js';
import { cliInTerminal, type OuterTerminal } from '../helpers/term.js';

const node = process.execPath;

describe('aisess run: pass-through under a real terminal', { timeout: 60_000 }, () => {
  let state: { path: string; cleanup: () => void };
  let cwd: { path: string; cleanup: () => void };
  const open: OuterTerminal[] = [];
  before(() => {
    state = tempDir('aisess-state-');
    cwd = tempDir('aisess-cwd-');
  });
  after(async () => {
    await Promise.all(open.map((t) => t.dispose()));
    state.cleanup();
    cwd.cleanup();
  });
  const run = (args: string[], opts: { cols?: number; rows?: number } = {}): OuterTerminal => {
    const t = cliInTerminal(['run', ...args], { ...opts, cwd: cwd.path, env: { AISESS_STATE_DIR: state.path } });
    open.push(t);
    return t;
  };

  it('passes keys to the agent and its echo back to the terminal', async () => {
    const t = run(['--', 'cat']);
    t.write('hello wörld\r');
    // The inner pty echoes the line, then cat prints it again.
    await t.waitFor(/hello wörld\r\nhello wörld\r\n/);
    t.write('\x04');
    assert.deepEqual(await t.exited, { code: 0 });
  });

  it('gives the agent the terminal size at start and forwards every resize', async () => {
    const size = (label: string): string => `console.log('${label} '+process.stdout.columns+' '+process.stdout.rows)`;
    const script = `process.stdout.on('resize',()=>${size('SIZE')});${size('START')};`
      + "process.stdin.resume();process.stdin.on('data',()=>process.exit(0))";
    const t = run(['--', node, '-e', script], { cols: 91, rows: 31 });
    await t.waitFor('START 91 31');
    t.resize(120, 40);
    await t.waitFor('SIZE 120 40');
    t.resize(60, 20);
    await t.waitFor('SIZE 60 20');
    t.write('q\r');
    assert.deepEqual(await t.exited, { code: 0 });
  });

  for (const code of [0, 3, 42]) {
    it(`exits with the agent's exit code ${code}`, async () => {
      const t = run(['--', 'sh', '-c', `echo bye; exit ${code}`]);
      assert.deepEqual(await t.exited, { code });
      assert.match(t.output(), /bye/);
    });
  }

  it('dies by the signal that killed the agent', async () => {
    const t = run(['--', 'sh', '-c', 'echo ready; kill -TERM $$; sleep 5']);
    assert.deepEqual(await t.exited, { signal: 'SIGTERM' });
  });

  it('delivers Ctrl-C through the pty: an agent that does not trap it dies by SIGINT', async () => {
    const t = run(['--', 'sh', '-c', 'echo waiting; exec sleep 30']);
    await t.waitFor('waiting');
    t.write('\x03');
    assert.deepEqual(await t.exited, { signal: 'SIGINT' });
  });

  it('delivers Ctrl-\\ as SIGQUIT to the agent', async () => {
    const t = run(['--', 'sh', '-c', 'echo waiting; exec sleep 30']);
    await t.waitFor('waiting');
    t.write('\x1c');
    assert.deepEqual(await t.exited, { signal: 'SIGQUIT' });
  });

  it('leaves output unprocessed: a bare newline from a raw-mode agent stays a bare newline', async () => {
    const t = run(['--', 'sh', '-c', "stty raw -opost; printf 'A\\nB\\r\\n'; stty sane"]);
    assert.deepEqual(await t.exited, { code: 0 });
    assert.match(t.output(), /A\nB\r\n/);
    assert.doesNotMatch(t.output(), /A\r\n/);
  });

  it('sets AISESS_SESSION for the agent', async () => {
    const t = run(['--', 'sh', '-c', 'echo "ID=[$AISESS_SESSION]"']);
    assert.deepEqual(await t.exited, { code: 0 });
    assert.match(t.output(), /ID=\[\d{8}-\d{6}-[0-9a-f]{6}\]/);
  });
});
