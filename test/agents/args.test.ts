import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planClaude } from '../../src/agents/claude-args.js';
import { planCodex } from '../../src/agents/codex-args.js';
import { pickAdapter } from '../../src/agents/registry.js';

const ID = '11111111-2222-4333-8444-555555555555';
const OLD = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const newId = () => ID;

const claudeRows: { argv: string[]; launch: unknown; argv2?: string[] }[] = [
  { argv: ['claude'], launch: { mode: 'exact', id: ID, resumed: false }, argv2: ['claude', '--session-id', ID] },
  { argv: ['claude', 'fix the tests'], launch: { mode: 'exact', id: ID, resumed: false }, argv2: ['claude', '--session-id', ID, 'fix the tests'] },
  { argv: ['claude', '-p', 'hi'], launch: { mode: 'exact', id: ID, resumed: false }, argv2: ['claude', '--session-id', ID, '-p', 'hi'] },
  { argv: ['claude', '--session-id', OLD], launch: { mode: 'exact', id: OLD, resumed: false } },
  { argv: ['claude', `--session-id=${OLD}`], launch: { mode: 'exact', id: OLD, resumed: false } },
  { argv: ['claude', '--resume', OLD], launch: { mode: 'exact', id: OLD, resumed: true } },
  { argv: ['claude', '-r', OLD, 'go on'], launch: { mode: 'exact', id: OLD, resumed: true } },
  { argv: ['claude', `--resume=${OLD}`], launch: { mode: 'exact', id: OLD, resumed: true } },
  { argv: ['claude', '--resume'], launch: { mode: 'pick' } },
  { argv: ['claude', '--resume', 'auth bug'], launch: { mode: 'pick' } },
  { argv: ['claude', '--continue'], launch: { mode: 'continue' } },
  { argv: ['claude', '-c', '-p', 'more'], launch: { mode: 'continue' } },
  // A fork gets a new id, which Claude accepts next to --resume only with --fork-session.
  { argv: ['claude', '--resume', OLD, '--fork-session'], launch: { mode: 'exact', id: ID, resumed: false },
    argv2: ['claude', '--session-id', ID, '--resume', OLD, '--fork-session'] },
  { argv: ['claude', '--continue', '--fork-session', '--session-id', OLD], launch: { mode: 'exact', id: OLD, resumed: false } },
  { argv: ['claude', 'mcp', 'list'], launch: { mode: 'none' } },
  { argv: ['claude', '--version'], launch: { mode: 'none' } },
  { argv: ['claude', '-h'], launch: { mode: 'none' } },
  { argv: ['claude', '--', '--resume'], launch: { mode: 'exact', id: ID, resumed: false }, argv2: ['claude', '--session-id', ID, '--', '--resume'] },
];

for (const row of claudeRows) {
  test(`claude plan: ${row.argv.join(' ')}`, () => {
    const plan = planClaude(row.argv, newId);
    assert.deepEqual(plan.launch, row.launch);
    assert.deepEqual(plan.argv, row.argv2 ?? row.argv, 'argv changes only by an added --session-id');
  });
}

const codexRows: { argv: string[]; launch: unknown; cwd?: string }[] = [
  { argv: ['codex'], launch: { mode: 'fresh' } },
  { argv: ['codex', 'fix the tests'], launch: { mode: 'fresh' } },
  { argv: ['codex', '-m', 'gpt-5', 'resume'], launch: { mode: 'pick' } },
  { argv: ['codex', 'exec', 'fix the tests'], launch: { mode: 'fresh' } },
  { argv: ['codex', 'exec', '--json', '-m', 'o3', 'fix'], launch: { mode: 'fresh' } },
  { argv: ['codex', 'resume', OLD], launch: { mode: 'resume', id: OLD } },
  { argv: ['codex', '-c', 'model="o3"', 'resume', OLD], launch: { mode: 'resume', id: OLD } },
  { argv: ['codex', 'resume', '--last'], launch: { mode: 'last' } },
  { argv: ['codex', 'resume'], launch: { mode: 'pick' } },
  { argv: ['codex', 'exec', 'resume', OLD, 'continue'], launch: { mode: 'resume', id: OLD } },
  { argv: ['codex', 'exec', 'resume', '--last'], launch: { mode: 'last' } },
  { argv: ['codex', '-C', 'sub', 'exec', 'x'], launch: { mode: 'fresh' }, cwd: '/w/sub' },
  { argv: ['codex', '--cd=/elsewhere'], launch: { mode: 'fresh' }, cwd: '/elsewhere' },
  { argv: ['codex', 'login'], launch: { mode: 'none' } },
  { argv: ['codex', 'mcp', 'list'], launch: { mode: 'none' } },
  { argv: ['codex', '--version'], launch: { mode: 'none' } },
];

for (const row of codexRows) {
  test(`codex plan: ${row.argv.join(' ')}`, () => {
    const plan = planCodex(row.argv, '/w');
    assert.deepEqual(plan.launch, row.launch);
    assert.equal(plan.cwd, row.cwd ?? '/w');
  });
}

const pickRows: [string, string | undefined, string][] = [
  ['claude', undefined, 'claude'], ['/usr/local/bin/claude', undefined, 'claude'], ['codex', undefined, 'codex'],
  ['/opt/codex/bin/codex', undefined, 'codex'], ['aider', undefined, 'generic'], ['claude-wrapper', undefined, 'generic'],
  ['my-claude', 'claude', 'claude'], ['claude', 'generic', 'generic'], ['x', 'unknown-agent', 'generic'],
];
for (const [command, forced, name] of pickRows) {
  test(`adapter for ${command}${forced ? ` --agent ${forced}` : ''} is ${name}`, () => {
    assert.equal(pickAdapter(command, forced).name, name);
  });
}
