import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseRunArgs, type RunPlan } from '../../src/cli/commands/run.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { cliInTerminal } from '../helpers/term.js';

const base: RunPlan = { help: false, captureInput: false, record: true, command: [] };

describe('parseRunArgs: aisess options stop at the agent name', () => {
  const rows: { argv: string[]; expected: RunPlan }[] = [
    { argv: ['claude'], expected: { ...base, command: ['claude'] } },
    { argv: ['claude', '--resume', 'abc'], expected: { ...base, command: ['claude', '--resume', 'abc'] } },
    { argv: ['--capture-input', 'codex', '--help'], expected: { ...base, captureInput: true, command: ['codex', '--help'] } },
    { argv: ['--no-record', 'x'], expected: { ...base, record: false, command: ['x'] } },
    { argv: ['--agent', 'claude', 'my-claude', '-v'], expected: { ...base, agent: 'claude', command: ['my-claude', '-v'] } },
    { argv: ['--agent=codex', '--', '--weird-name'], expected: { ...base, agent: 'codex', command: ['--weird-name'] } },
    { argv: ['--', 'aider', '--', 'x'], expected: { ...base, command: ['aider', '--', 'x'] } },
    { argv: ['--help'], expected: { ...base, help: true } },
    { argv: ['-h', 'claude'], expected: { ...base, help: true, command: ['claude'] } },
    { argv: [], expected: base },
  ];
  for (const { argv, expected } of rows) {
    it(JSON.stringify(argv), () => assert.deepEqual(parseRunArgs(argv), expected));
  }
  for (const argv of [['--bogus', 'claude'], ['-x'], ['--agent']]) {
    it(`rejects ${JSON.stringify(argv)}`, () => assert.throws(() => parseRunArgs(argv), { name: 'UserError' }));
  }
});

describe('aisess run: argument fidelity and usage', { timeout: 60_000 }, () => {
  let cwd: { path: string; cleanup: () => void };
  before(() => { cwd = tempDir('aisess-args-'); });
  after(() => cwd.cleanup());

  it('passes every argument to the agent byte for byte', async () => {
    const args = ['two words', '', "it's", 'say "hi"', 'ünïcödé 😀', '--flag', '--resume', 'abc-123', '-x', '$HOME', '*', '\\n', '--'];
    const script = "process.stdout.write('ARGV'+JSON.stringify(process.argv.slice(1))+'END\\n')";
    const t = cliInTerminal(['run', '--', process.execPath, '-e', script, ...args], {
      cwd: cwd.path, env: { AISESS_STATE_DIR: cwd.path },
    });
    assert.deepEqual(await t.exited, { code: 0 });
    const json = /ARGV(.*)END/.exec(t.output())?.[1];
    assert.deepEqual(JSON.parse(json ?? 'null'), args);
  });

  it('prints its help and exits 0', () => {
    const r = runCli(['run', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage: aisess run \[options\] <agent>/);
    assert.match(r.stdout, /--capture-input/);
  });

  it('rejects an unknown aisess option with a usage error', () => {
    const r = runCli(['run', '--bogus', 'sh']);
    assert.equal(r.status, 64);
    assert.match(r.stderr, /unknown option '--bogus'/);
  });

  it('asks for an agent when none is given', () => {
    const r = runCli(['run']);
    assert.equal(r.status, 64);
    assert.match(r.stderr, /no agent given/);
  });
});
