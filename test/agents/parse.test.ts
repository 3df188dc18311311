import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { claudeParser } from '../../src/agents/claude-parse.js';
import { codexParser } from '../../src/agents/codex-parse.js';
import type { AgentEvent, ParseCounters, TranscriptParser } from '../../src/agents/types.js';
import { digest, type Digest } from './summary.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'transcripts');
const S = '7d0a3f52-9c1e-4b8a-a3f0-2b6f1c9e4d11';
const I = '019a9776-0a34-7842-8627-112b63d66e90';
const none = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

function parseFile<S extends ParseCounters>(parser: TranscriptParser<S>, file: string): { events: AgentEvent[]; state: S } {
  const state = parser.init();
  const events: AgentEvent[] = [];
  for (const line of readFileSync(join(dir, file), 'latin1').split('\n')) {
    if (line.trim()) events.push(...parser.parseLine(Buffer.from(line, 'latin1').toString('utf8'), state));
  }
  return { events, state };
}

interface Row {
  file: string;
  expected: Partial<Digest>;
  problems?: number;
  unknown?: number;
}

const claudeRows: Row[] = [
  {
    file: 'claude/fresh-2.1.jsonl',
    expected: {
      session: S, version: '2.1.30', prompts: ['add a greet function'],
      answers: ["I'll create greet.js.", 'Done: greet.js exports greet().'], thinking: 1,
      tools: ['Write {"path":"/home/ada/proj/greet.js"}'], edits: ['created /home/ada/proj/greet.js +1 -0'], commands: [],
      models: ['claude-opus-4-5-20251101'], usage: { input: 18, output: 72, cacheRead: 24000, cacheWrite: 600 },
      turns: ['start', 'end 5100ms'],
    },
  },
  {
    file: 'claude/resumed-2.0.jsonl',
    expected: {
      session: S, version: '2.0.76', prompts: ['run the tests and fix them'], answers: ['Tests pass now.'],
      tools: ['Bash {"command":"npm test","description":"Run tests"}', 'Edit {"path":"/home/ada/proj/greet.js"}', 'Bash {"command":"npm test"}'],
      edits: ['edited /home/ada/proj/greet.js +1 -1'], commands: ['npm test → 1', 'npm test → 0'],
      models: ['claude-sonnet-4-5-20250929'], usage: { input: 36, output: 87, cacheRead: 48000, cacheWrite: 1200 }, turns: ['start'],
    },
  },
  {
    file: 'claude/tool-heavy.jsonl',
    expected: {
      prompts: ['rename greet to welcome everywhere'], answers: ['Renamed greet to welcome.'],
      tools: ['Grep {"pattern":"greet","path":"/home/ada/proj"}', 'Read {"path":"/home/ada/proj/greet.js"}',
        'MultiEdit {"path":"/home/ada/proj/greet.test.js"}', 'Write {"path":"/home/ada/proj/greet.js"}', 'Bash {"command":"rm -rf /nonexistent && false"}'],
      edits: ['edited /home/ada/proj/greet.test.js +2 -2', 'edited /home/ada/proj/greet.js +1 -1'],
      commands: ['rm -rf /nonexistent && false → 2'],
      usage: { input: 63, output: 139, cacheRead: 84000, cacheWrite: 2100 }, turns: ['start', 'end 8100ms'],
    },
  },
  {
    file: 'claude/malformed.jsonl', problems: 4,
    expected: { prompts: ['first prompt'], answers: ['still here'], usage: { input: 9, output: 3, cacheRead: 12000, cacheWrite: 300 } },
  },
  {
    file: 'claude/unknown-types.jsonl', unknown: 3,
    expected: { session: S, version: undefined, prompts: ['hello from the future'], answers: ['new block types are skipped'],
      models: ['claude-opus-5'], usage: none, turns: ['start'] },
  },
];

const codexRows: Row[] = [
  {
    file: 'codex/fresh-legacy.jsonl',
    expected: {
      session: I, version: '0.169.0', prompts: ['add greet.js and update the README'],
      answers: ['Added greet.js and updated the README.'], thinking: 1,
      tools: ['exec_command {"command":"ls -la","workdir":"/home/ada/proj"}', 'apply_patch {"path":"greet.js README.md"}'],
      edits: ['created greet.js +2 -0', 'edited README.md +2 -1'], commands: ['ls -la → 0'], models: ['gpt-5.1-codex'],
      usage: { input: 2500, output: 340, cacheRead: 7000, cacheWrite: 0 }, turns: ['start', 'end 5500ms'],
    },
  },
  {
    file: 'codex/exec-0.46.jsonl',
    expected: {
      session: I, version: '0.46.0', prompts: ['run the tests'], answers: ['Fixed: tests pass.'],
      tools: ['shell {"command":"npm test","workdir":"/home/ada/proj"}', 'apply_patch {"path":"greet.js"}', 'shell {"command":"npm test"}'],
      edits: ['edited greet.js +1 -1'], commands: ['npm test → 1', 'npm test → 0'], models: ['gpt-5-codex'],
      usage: { input: 2946, output: 7, cacheRead: 0, cacheWrite: 0 }, turns: ['start'],
    },
  },
  {
    file: 'codex/resumed.jsonl',
    expected: {
      session: undefined, prompts: ['now add a test'], answers: ['The test file already exists.'],
      tools: ['apply_patch {"path":"greet.test.js"}'], edits: [], models: ['gpt-5.1-codex-max'], turns: ['start', 'end 3000ms'],
    },
  },
  { file: 'codex/malformed.jsonl', problems: 3, expected: { session: I, prompts: ['survived'] } },
  { file: 'codex/unknown-types.jsonl', unknown: 1, expected: { prompts: [], answers: ['only in event_msg', 'still parsed'], models: [], usage: none } },
  // Written by the real Codex 0.169.0 against a mock model (see fixtures/README.md): no user_message.
  {
    file: 'codex/tui-0.169.jsonl',
    expected: {
      session: '01a249e4-5cf8-7361-b8d8-4a10b96cf0e5', version: '0.169.0', prompts: ['Make a file', 'Another one'],
      answers: ['Done: I created file1.txt.', 'Done: I created file2.txt.'],
      tools: ['exec_command {"command":"env | grep -i codex; sleep 2"}', 'apply_patch {"path":"file1.txt"}',
        'exec_command {"command":"env | grep -i codex; sleep 2"}', 'apply_patch {"path":"file2.txt"}'],
      edits: ['created file1.txt +1 -0', 'created file2.txt +1 -0'],
      commands: ['env | grep -i codex; sleep 2 → 0', 'env | grep -i codex; sleep 2 → 0'], models: ['gpt-5.5'],
      usage: { input: 360, output: 42, cacheRead: 240, cacheWrite: 0 }, turns: ['start', 'end 2261ms', 'start', 'end 2182ms'],
    },
  },
  {
    file: 'codex/tui-aborted-0.169.jsonl',
    expected: {
      prompts: ['Make a file', 'Another one'], answers: ['Done: I created file1.txt.'],
      turns: ['start', 'end 2224ms', 'start', 'end 6317ms'],
    },
  },
  {
    file: 'codex/exec-resumed-0.169.jsonl',
    expected: {
      session: '01a249e5-70aa-7283-9f27-7f5cb9918550', prompts: ['first', 'third prompt'],
      answers: ['Done: I created file1.txt.', 'Done: I created file2.txt.'], edits: ['created file1.txt +1 -0', 'created file2.txt +1 -0'],
      turns: ['start', 'end 2343ms', 'start', 'end 2441ms'],
    },
  },
];

for (const [parser, rows] of [[claudeParser, claudeRows], [codexParser, codexRows]] as const) {
  for (const row of rows) {
    test(`parses ${row.file}`, () => {
      const { events, state } = parseFile(parser as TranscriptParser<ParseCounters>, row.file);
      const got = digest(events);
      const picked = Object.fromEntries(Object.keys(row.expected).map((k) => [k, got[k as keyof Digest]]));
      assert.deepEqual(picked, row.expected);
      assert.equal(state.problems, row.problems ?? 0, 'problems');
      assert.equal(state.unknown, row.unknown ?? 0, 'unknown types');
    });
  }
}

test('a failed codex apply_patch is a failed tool result and no file edit', () => {
  const { events } = parseFile(codexParser, 'codex/resumed.jsonl');
  assert.deepEqual(events.filter((e) => e.kind === 'tool_result'), [{ kind: 'tool_result', id: 'call_C', name: 'apply_patch', ok: false }]);
});

test('a failed Bash call carries its exit code', () => {
  const { events } = parseFile(claudeParser, 'claude/resumed-2.0.jsonl');
  const results = events.filter((e) => e.kind === 'tool_result' && e.name === 'Bash');
  assert.deepEqual(results.map((e) => e.kind === 'tool_result' && [e.ok, e.exitCode]), [[false, 1], [true, 0]]);
});

const timeRows: { name: string; parser: TranscriptParser<ParseCounters>; line: string; expected: number | undefined }[] = [
  { name: 'claude line', parser: claudeParser, line: '{"type":"user","timestamp":"2026-11-25T10:00:01.250Z","message":{"role":"user","content":"hi"}}', expected: Date.UTC(2026, 10, 25, 10, 0, 1, 250) },
  { name: 'codex line', parser: codexParser, line: '{"timestamp":"2026-11-25T10:00:02.500Z","type":"event_msg","payload":{"type":"user_message","message":"hi"}}', expected: Date.UTC(2026, 10, 25, 10, 0, 2, 500) },
  { name: 'claude line without one (file-history-snapshot)', parser: claudeParser, line: '{"type":"file-history-snapshot","messageId":"m"}', expected: undefined },
  { name: 'a timestamp that is not a date', parser: codexParser, line: '{"timestamp":"soon","type":"event_msg","payload":{}}', expected: undefined },
  { name: 'a line that is not JSON', parser: claudeParser, line: '{"timestamp":"2026-11-25T10:00:02.500Z"', expected: undefined },
];
for (const row of timeRows) {
  test(`lineTime: ${row.name}`, () => {
    const state = row.parser.init();
    row.parser.parseLine('{"type":"user","timestamp":"2020-01-01T00:00:00Z","message":{"role":"user","content":"x"}}', state);
    row.parser.parseLine(row.line, state);
    assert.equal(state.lineTime, row.expected);
  });
}
