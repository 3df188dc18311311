import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliEntry } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { runInTerminal, type OuterTerminal } from '../helpers/term.js';

describe('aisess run: signals and job control', { timeout: 120_000 }, () => {
  let dir: { path: string; cleanup: () => void };
  const open: OuterTerminal[] = [];
  before(() => {
    dir = tempDir('aisess-signals-');
  });
  after(async () => {
    await Promise.all(open.map((t) => t.dispose()));
    dir.cleanup();
  });
  const term = (file: string, args: string[], env: Record<string, string> = {}): OuterTerminal => {
    const t = runInTerminal(file, args, { cwd: dir.path, env: { AISESS_STATE_DIR: join(dir.path, 'state'), ...env } });
    open.push(t);
    return t;
  };

  for (const [signal, number] of [['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    it(`${signal} to aisess reaches the agent, restores the terminal and kills aisess by ${signal}`, async () => {
      const agent = join(dir.path, `agent-${signal}.sh`);
      const name = signal.slice(3);
      writeFileSync(agent, `trap 'echo AGENT-GOT-${name}; exit 9' ${name}\necho "AISESS=$PPID"\nwhile :; do sleep 0.05; done\n`);
      // A plain shell plays the user's: it reports aisess's status and the terminal modes left behind.
      const shell = '"$0" "$1" run -- sh "$2"; echo "rc=$?"; stty -a';
      const t = term('sh', ['-c', shell, process.execPath, cliEntry(), agent]);
      const pid = Number(/AISESS=(\d+)/.exec(await t.waitFor(/AISESS=\d+\r\n/))?.[1]);
      process.kill(pid, signal);
      await t.waitFor(`AGENT-GOT-${name}`);
      await t.waitFor(`rc=${128 + number}`);
      assert.deepEqual(await t.exited, { code: 0 });
      const modes = t.output().slice(t.output().indexOf(`rc=${128 + number}`));
      for (const mode of ['icanon', 'echo', 'isig', 'icrnl', 'opost', 'onlcr']) {
        assert.match(modes, new RegExp(`(?<![-\\w])${mode}(?![\\w])`), `${mode} restored`);
      }
    });
  }

  it('Ctrl-Z stops the agent and hands the terminal to the shell; fg continues both', async () => {
    const t = term('bash', ['--norc', '--noprofile', '-i'], { PS1: 'PROMPT$ ', NODE: process.execPath, ENTRY: cliEntry() });
    await t.waitFor('PROMPT$ ');
    t.write('"$NODE" "$ENTRY" run -- cat\r');
    t.write('one\r');
    await t.waitFor('one\r\none\r\n');
    let mark = t.mark();
    t.write('\x1a');
    await t.waitFor(/Stopped/, { after: mark });
    await t.waitFor('PROMPT$ ', { after: mark });
    mark = t.mark();
    t.write('fg\r');
    await t.waitFor('run -- cat', { after: mark });
    t.write('two\r');
    await t.waitFor('two\r\ntwo\r\n', { after: mark });
    t.write('\x04');
    await t.waitFor('PROMPT$ ', { after: mark });
    mark = t.mark();
    t.write('echo "rc=$?"; stty -a | tr " " "\\n" | grep -xE -- "-?(icanon|opost)" | tr "\\n" " "; echo; exit\r');
    await t.waitFor(/rc=0\r\n.*\r\nexit/, { after: mark });
    assert.deepEqual(await t.exited, { code: 0 });
    // The terminal the shell got back is cooked: no '-icanon' or '-opost' left behind by aisess.
    const modes = /rc=0\r\n(.*)\r\n/.exec(t.outputBuffer().subarray(mark).toString())?.[1]?.trim().split(' ').sort();
    assert.deepEqual(modes, ['icanon', 'opost']);
  });
});
