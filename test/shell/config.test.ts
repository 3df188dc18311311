import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { agentsFilePath, configuredAgents, systemSources } from '../../src/shell/config.js';
import { tempDir } from '../helpers/git.js';

const tmp = tempDir('aisess-shellcfg-');
after(tmp.cleanup);

test('agents come from global git config first, then the agents file', async () => {
  const gitconfig = join(tmp.path, 'gitconfig');
  writeFileSync(gitconfig, '[aisess]\n\tagent = aider\n\tagent = gemini, opencode\n');
  mkdirSync(join(tmp.path, 'xdg', 'aisess'), { recursive: true });
  writeFileSync(join(tmp.path, 'xdg', 'aisess', 'agents'), '# mine\ncursor-agent\n');
  const env = { ...process.env, GIT_CONFIG_GLOBAL: gitconfig, XDG_CONFIG_HOME: join(tmp.path, 'xdg') };
  assert.deepEqual(await configuredAgents(systemSources(env)), ['aider', 'gemini', 'opencode', 'cursor-agent']);
});

test('no git config entry and no agents file mean no configured agents', async () => {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: join(tmp.path, 'none'), XDG_CONFIG_HOME: join(tmp.path, 'empty') };
  assert.deepEqual(await configuredAgents(systemSources(env)), []);
});

test('a missing git is the same as no entry', async () => {
  const env = { ...process.env, PATH: join(tmp.path, 'no-bin'), XDG_CONFIG_HOME: join(tmp.path, 'empty') };
  assert.deepEqual(await configuredAgents(systemSources(env)), []);
});

const pathCases = [
  { xdg: '/cfg', expected: '/cfg/aisess/agents' },
  { xdg: undefined, expected: join(homedir(), '.config', 'aisess', 'agents') },
  // The XDG spec says a relative value is invalid and must be ignored.
  { xdg: 'relative', expected: join(homedir(), '.config', 'aisess', 'agents') },
];
for (const { xdg, expected } of pathCases) {
  test(`agentsFilePath with XDG_CONFIG_HOME=${xdg}`, () => assert.equal(agentsFilePath({ XDG_CONFIG_HOME: xdg }), expected));
}
