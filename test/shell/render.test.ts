import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { renderShellInit, type ShellInitPlan } from '../../src/shell/render.js';
import { tempDir } from '../helpers/git.js';
import { reports, runShell, shellArgv, shellNames, writeReportingAgent } from './shell-harness.js';

const tmp = tempDir('aisess-render-');
after(tmp.cleanup);
// The generated code must survive an install path with spaces, quotes and dollars in it.
const weird = join(tmp.path, `it's "my" $HOME dir`);
const bin = join(tmp.path, 'bin');
mkdirSync(weird);
mkdirSync(bin);
const stub = join(weird, 'stub aisess.js');
// A stand-in for the aisess entry: reports the argv it got, then runs `run`'s agent directly.
writeFileSync(stub, `const { spawnSync } = require('node:child_process');
const argv = process.argv.slice(2);
console.log('stub ' + JSON.stringify(argv));
process.exitCode = spawnSync(argv[1], argv.slice(2), { stdio: 'inherit' }).status;
`);
chmodSync(stub, 0o755);
writeReportingAgent(bin, 'claude');
writeReportingAgent(bin, 'my-agent');
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` };

function plan(shell: ShellInitPlan['shell'], cli: string): ShellInitPlan {
  return { shell, node: process.execPath, cli, agents: ['claude', 'codex', 'my-agent'], skipped: [{ name: 'bad.name', reason: 'not a valid shell function name' }] };
}

function source(shell: ShellInitPlan['shell'], code: string, then: string) {
  const file = join(tmp.path, `init.${shell}`);
  writeFileSync(file, code);
  return runShell(shellArgv(shell, `source '${file}'\n${then}`), env);
}

for (const shell of shellNames) {
  describe(`renderShellInit ${shell}`, () => {
    test('the functions call the entry by absolute path with the exact argv', () => {
      const r = source(shell, renderShellInit(plan(shell, stub)), `claude a 'b c' ''\nmy-agent --x=1`);
      assert.equal(r.stderr, '');
      const stubLines = r.stdout.split('\n').filter((l) => l.startsWith('stub '));
      assert.deepEqual(stubLines, ['stub ["run","claude","a","b c",""]', 'stub ["run","my-agent","--x=1"]']);
      assert.deepEqual(reports(r.stdout).map((x) => x.argv), [['a', 'b c', ''], ['--x=1']]);
    });

    test('skipped names appear only as comments', () => {
      const code = renderShellInit(plan(shell, stub));
      const mentions = code.split('\n').filter((l) => l.includes('bad.name'));
      assert.deepEqual(mentions, ['# skipped "bad.name": not a valid shell function name']);
    });

    test('when the entry is gone the agent still runs, with one warning', () => {
      const gone = join(tmp.path, 'uninstalled', 'main.js');
      const r = source(shell, renderShellInit(plan(shell, gone)), `claude a 'b c'`);
      assert.equal(r.stderr, `aisess: ${gone} is gone; running claude without recording (re-run aisess shell-init)\n`);
      assert.deepEqual(reports(r.stdout).map((x) => x.argv), [['a', 'b c']]);
    });
  });
}
