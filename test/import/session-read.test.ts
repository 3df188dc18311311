/** A whole agent session read for import (src/import/session-read.ts): turns, their prompts and the edits' lines, every format. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCompressed } from '../../src/agents/rollout-zst.js';
import { readSession, type SessionLines } from '../../src/import/session-read.js';
import { fixturesDir } from '../helpers/cli.js';

const lines = (file: string) => {
  const path = join(fixturesDir, file);
  return (file.endsWith('.zst') ? readCompressed(path)!.toString('utf8') : readFileSync(path, 'utf8')).split('\n').filter(Boolean);
};
// The real client's run: its ids and repository path change whenever `npm run test:real` refreshes it.
const subRun = JSON.parse(readFileSync(join(fixturesDir, 'real/claude@2.1.197/subagent/expect.json'), 'utf8')) as { repo: string; agentSessions: { a: string } };
const sub = `real/claude@2.1.197/subagent/transcripts/project/${subRun.agentSessions.a}`;
const subAgent = readdirSync(join(fixturesDir, sub, 'subagents')).find((f) => /^agent-.*\.jsonl$/.test(f))!.slice('agent-'.length, -'.jsonl'.length);

const rows: { name: string; source: SessionLines; turns: [string, string[]][] }[] = [
  { name: 'Codex legacy (user_message, no ordinal)', source: { agent: 'codex', lines: lines('transcripts/codex/fresh-legacy.jsonl') },
    turns: [['add greet.js and update the README', ['greet.js +2 -0', 'README.md +2 -1']]] },
  { name: 'Codex 0.46 exec (JSON tool output)', source: { agent: 'codex', lines: lines('transcripts/codex/exec-0.46.jsonl') }, turns: [['run the tests', ['greet.js +1 -1']]] },
  { name: 'Codex 0.169 TUI', source: { agent: 'codex', lines: lines('transcripts/codex/tui-0.169.jsonl') },
    turns: [['Make a file', ['file1.txt +1 -0']], ['Another one', ['file2.txt +1 -0']]] },
  { name: 'Codex 0.169, compressed', source: { agent: 'codex', lines: lines('transcripts/codex/compressed-0.169.jsonl.zst') },
    turns: [['Make a file', ['file1.txt +1 -0']], ['Another one', ['file2.txt +1 -0']]] },
  { name: 'Claude Edits', source: { agent: 'claude', lines: lines('transcripts/claude/tool-heavy.jsonl') },
    turns: [['rename greet to welcome everywhere', ['/home/ada/proj/greet.test.js +2 -2', '/home/ada/proj/greet.js +1 -1']]] },
  { name: 'Claude 2.1.197, subagent file linked to its Agent call', source: { agent: 'claude', lines: lines(`${sub}.jsonl`),
    subagents: [{ lines: lines(`${sub}/subagents/agent-${subAgent}.jsonl`), agentId: subAgent, toolUseId: 'toolu_2_0' }] },
    turns: [['Use a subagent to create sub.txt', [`${subRun.repo}/sub.txt +1 -0`]]] },
];

for (const r of rows) {
  test(`readSession: ${r.name}`, () => {
    const s = readSession(r.source, false);
    assert.ok(s);
    assert.deepEqual(s.turns.map((t) => [t.prompt.slice(0, 40), t.edits.map((e) => `${e.edit.path} +${e.edit.added.length} -${e.edit.removed.length}`)]), r.turns);
    for (const t of s.turns) {
      assert.equal(t.events[0]?.event.kind, 'prompt', 'a turn opens with its prompt');
      assert.ok(t.edits.every((e) => e.at >= s.startedAt));
    }
    assert.equal(s.turns[0]!.events.filter((e) => e.event.kind === 'session').length, 1, 'the first turn names the session');
  });
}

test('readSession: damaged lines are counted, never thrown on; no session id is no session', () => {
  const s = readSession({ agent: 'codex', lines: ['{not json', ...lines('transcripts/codex/tui-0.169.jsonl'), '\u0000\u0001'] }, false);
  assert.equal(s?.problems, 2);
  assert.equal(readSession({ agent: 'claude', lines: ['garbage', '{"type":"user"}'] }, false), null);
});
