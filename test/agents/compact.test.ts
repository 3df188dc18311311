import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compactClaudeLine } from '../../src/agents/claude-parse.js';
import { compactCodexLine } from '../../src/agents/codex-parse.js';
import { patchEdits } from '../../src/agents/codex-patch.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'transcripts');
const lines = (file: string) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean);
const opts = { keepThinking: false, maxString: 4000 };

test('claude: a thinking-only line is dropped, kept on request', () => {
  const thinking = lines('claude/fresh-2.1.jsonl').find((l) => l.includes('"thinking"')) as string;
  assert.equal(compactClaudeLine(thinking, opts), null);
  assert.match(compactClaudeLine(thinking, { ...opts, keepThinking: true }) ?? '', /The user wants greet\.js/);
});

test('claude: giant strings are capped with a marker, whole-file copies dropped', () => {
  const all = lines('claude/tool-heavy.jsonl').map((l) => compactClaudeLine(l, opts));
  const read = all.find((l) => l?.includes('toolu_21') && l.includes('tool_result')) as string;
  assert.ok(read.length < 9000, `compacted to ${read.length}`);
  assert.match(read, /\[aisess: 2000 chars dropped\]/);
  const write = all.find((l) => l?.includes('"type":"update"')) as string;
  assert.match(write, /"originalFile":"\[aisess: dropped\]"/);
  assert.deepEqual(JSON.parse(all[0] as string).message, JSON.parse(lines('claude/tool-heavy.jsonl')[0] as string).message);
});

// Found by the fuzz suite (test/fuzz/transcript.fuzz.ts): both threw RangeError (stack exhausted).
test('a line nested 10 000 deep compacts without throwing: levels past 256 become a marker', () => {
  const deep = (type: string) => `{"type":"${type}","payload":{"x":${'['.repeat(10_000)}1${']'.repeat(10_000)}}}`;
  for (const compacted of [compactClaudeLine(deep('user'), opts), compactCodexLine(deep('event_msg'), opts)]) {
    assert.match(compacted ?? '', /"\[aisess: nested too deep\]"/);
    assert.ok(compacted!.split('[').length - 1 < 300);
  }
});

test('codex: reasoning is dropped unless kept; base instructions are dropped', () => {
  const all = lines('codex/fresh-legacy.jsonl');
  const kept = all.map((l) => compactCodexLine(l, opts));
  assert.equal(kept.filter((l) => l === null).length, 2, 'reasoning item and agent_reasoning event');
  assert.match(kept[0] as string, /"instructions":"\[aisess: dropped\]"/);
  assert.equal(all.map((l) => compactCodexLine(l, { ...opts, keepThinking: true })).filter((l) => l === null).length, 0);
});

const patchRows: [string, string, unknown][] = [
  ['add', '*** Begin Patch\n*** Add File: a.js\n+1\n+2\n*** End Patch', [{ kind: 'file_edit', path: 'a.js', change: 'created', added: 2, removed: 0 }]],
  ['update', '*** Begin Patch\n*** Update File: b.js\n@@ fn\n ctx\n-x\n+y\n*** End Patch', [{ kind: 'file_edit', path: 'b.js', change: 'edited', added: 1, removed: 1 }]],
  ['delete', '*** Begin Patch\n*** Delete File: c.js\n*** End Patch', [{ kind: 'file_edit', path: 'c.js', change: 'deleted', added: 0, removed: 0 }]],
  ['move', '*** Begin Patch\n*** Update File: d.js\n*** Move to: e.js\n@@\n-a\n+b\n*** End Patch', [{ kind: 'file_edit', path: 'e.js', change: 'edited', added: 1, removed: 1 }]],
  ['not a patch', 'echo hi', []],
];
for (const [name, patch, expected] of patchRows) {
  test(`apply_patch: ${name}`, () => assert.deepEqual(patchEdits(patch), expected));
}

test('claude: copies of API requests and vendor context listings (2.1.332) are not kept; the conversation is', () => {
  const real = join(dir, '..', 'real', 'claude@2.1.332', 'one-turn', 'transcripts', 'project');
  const file = readdirSync(real).find((f) => f.endsWith('.jsonl'))!;
  const raw = readFileSync(join(real, file), 'utf8').split('\n').filter(Boolean);
  const kept = raw.map((l) => compactClaudeLine(l, opts)).filter((l): l is string => l !== null);
  const types = kept.map((l) => (JSON.parse(l) as { type: string }).type);
  assert.ok(!types.some((t) => t.startsWith('api-request')), types.join(' '));
  assert.ok(types.includes('user') && types.includes('assistant'));
  assert.ok(kept.join('').length * 3 < raw.join('').length, `kept ${kept.join('').length} of ${raw.join('').length} bytes`);
});
