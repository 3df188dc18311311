import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectAgents, parseAgentNames, rejectReason } from '../../src/shell/agents.js';

const nameCases: Array<{ input: string; expected: string[] }> = [
  { input: '', expected: [] },
  { input: 'aider', expected: ['aider'] },
  { input: 'aider, gemini\tcursor-agent\n\nopencode,', expected: ['aider', 'gemini', 'cursor-agent', 'opencode'] },
  { input: '# my agents\naider # the pair programmer\n', expected: ['aider'] },
  { input: '  a,,b  ,  c ', expected: ['a', 'b', 'c'] },
];
for (const { input, expected } of nameCases) {
  test(`parseAgentNames ${JSON.stringify(input)}`, () => assert.deepEqual(parseAgentNames(input), expected));
}

const reasonCases: Array<{ name: string; ok: boolean }> = [
  { name: 'claude', ok: true },
  { name: 'cursor-agent', ok: true },
  { name: '_private2', ok: true },
  { name: 'Gemini_CLI', ok: true },
  { name: '2fa', ok: false },
  { name: '-x', ok: false },
  { name: 'bad.name', ok: false },
  { name: 'a/b', ok: false },
  { name: 'x$(rm)', ok: false },
  { name: "it's", ok: false },
  { name: 'é', ok: false },
  { name: 'if', ok: false },
  { name: 'command', ok: false },
  { name: 'end', ok: false },
  { name: 'aisess', ok: false },
  { name: '__aisess_run', ok: false },
];
for (const { name, ok } of reasonCases) {
  test(`rejectReason ${JSON.stringify(name)} → ${ok ? 'accepted' : 'rejected'}`, () => {
    assert.equal(rejectReason(name) === null, ok);
  });
}

test('collectAgents puts the defaults first, keeps order, drops duplicates and reports bad names once', () => {
  assert.deepEqual(collectAgents(['aider', 'codex', 'bad.name', 'aider', 'bad.name', 'gemini']), {
    agents: ['claude', 'codex', 'aider', 'gemini'],
    skipped: [{ name: 'bad.name', reason: 'not a valid shell function name' }],
  });
});
