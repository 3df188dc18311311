/** What an edit put in a file, from the transcript line its file_edit event came from (src/agents/edit-content.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claudeParser } from '../../src/agents/claude-parse.js';
import { codexParser } from '../../src/agents/codex-parse.js';
import { claudeEditContent, codexEditContent, type EditContent } from '../../src/agents/edit-content.js';
import { patchChanges, patchEdits } from '../../src/agents/codex-patch.js';

const claudeCall = (name: string, input: Record<string, unknown>) =>
  JSON.stringify({ type: 'assistant', uuid: 'a', timestamp: '2026-12-06T10:00:00Z', sessionId: 'S', message: { id: 'm', model: 'x', content: [{ type: 'tool_use', id: 't1', name, input }] } });
const claudeResult = (toolUseResult: Record<string, unknown>) =>
  JSON.stringify({ type: 'user', uuid: 'u', timestamp: '2026-12-06T10:00:01Z', sessionId: 'S', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] }, toolUseResult });

function claude(call: string, result: string): EditContent[] {
  const state = claudeParser.init();
  claudeParser.parseLine(call, state);
  assert.ok(claudeParser.parseLine(result, state).some((e) => e.kind === 'file_edit'));
  return claudeEditContent(JSON.parse(result), state);
}

test('Claude edits: Write creates, Write over a file, Edit, MultiEdit', () => {
  assert.deepEqual(claude(claudeCall('Write', { file_path: '/r/a.txt', content: 'one\ntwo\n' }), claudeResult({ type: 'create', filePath: '/r/a.txt', content: 'one\ntwo\n', structuredPatch: [] })),
    [{ path: '/r/a.txt', change: 'created', added: ['one', 'two'], removed: [], content: 'one\ntwo\n' }]);
  const patch = [{ oldStart: 1, oldLines: 2, newStart: 1, newLines: 2, lines: [' keep', '-old', '+new'] }];
  assert.deepEqual(claude(claudeCall('Write', { file_path: '/r/a.txt', content: 'keep\nnew\n' }), claudeResult({ type: 'update', filePath: '/r/a.txt', content: 'keep\nnew\n', structuredPatch: patch })),
    [{ path: '/r/a.txt', change: 'edited', added: ['new'], removed: ['old'], content: 'keep\nnew\n' }]);
  assert.deepEqual(claude(claudeCall('Edit', { file_path: '/r/a.txt', old_string: 'old', new_string: 'new' }), claudeResult({ filePath: '/r/a.txt', oldString: 'old', newString: 'new', structuredPatch: patch })),
    [{ path: '/r/a.txt', change: 'edited', added: ['new'], removed: ['old'], inserted: ['new'] }]);
  assert.deepEqual(claude(claudeCall('MultiEdit', { file_path: '/r/a.txt', edits: [{ old_string: 'old', new_string: 'new' }, { old_string: 'x', new_string: '' }] }), claudeResult({ filePath: '/r/a.txt', structuredPatch: patch })),
    [{ path: '/r/a.txt', change: 'edited', added: ['new'], removed: ['old'], inserted: ['new'] }]);
});

test('apply_patch envelopes: added, updated, moved and deleted files with their lines', () => {
  const patch = '*** Begin Patch\n*** Add File: n.txt\n+hello\n*** Update File: a.txt\n*** Move to: b.txt\n@@\n ctx\n-gone\n+here\n*** Delete File: d.txt\n*** End Patch\n';
  assert.deepEqual(patchChanges(patch), [
    { path: 'n.txt', change: 'created', added: ['hello'], removed: [] },
    { path: 'b.txt', change: 'edited', added: ['here'], removed: ['gone'] },
    { path: 'd.txt', change: 'deleted', added: [], removed: [] },
  ]);
  assert.deepEqual(patchEdits(patch).map((e) => [e.path, e.added, e.removed]), [['n.txt', 1, 0], ['b.txt', 1, 1], ['d.txt', 0, 0]]);
});

test('Codex edits: an apply_patch call once its output says it applied, and a FileChange item no call named', () => {
  const state = codexParser.init();
  codexParser.parseLine(JSON.stringify({ timestamp: '2026-12-06T10:00:00Z', type: 'session_meta', payload: { id: 'T', cwd: '/r' } }), state);
  codexParser.parseLine(JSON.stringify({ timestamp: '2026-12-06T10:00:01Z', type: 'response_item', payload: { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: '*** Begin Patch\n*** Add File: n.txt\n+hello\n*** End Patch\n' } }), state);
  const output = { timestamp: '2026-12-06T10:00:02Z', type: 'response_item', payload: { type: 'custom_tool_call_output', call_id: 'c1', output: 'Exit code: 0\nSuccess.' } };
  assert.ok(codexParser.parseLine(JSON.stringify(output), state).some((e) => e.kind === 'file_edit'));
  assert.deepEqual(codexEditContent(output, state), [{ path: 'n.txt', change: 'created', added: ['hello'], removed: [], content: 'hello\n' }]);
  const item = { timestamp: '2026-12-06T10:00:03Z', type: 'event_msg', payload: { type: 'item_completed', item: { type: 'FileChange', id: 'c9', status: 'completed',
    changes: { '/r/a.txt': { type: 'update', unified_diff: '--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-old\n+new\n' }, '/r/z.txt': { type: 'add', content: 'z\n' } } } } };
  assert.ok(codexParser.parseLine(JSON.stringify(item), state).some((e) => e.kind === 'file_edit'));
  assert.deepEqual(codexEditContent(item, state), [
    { path: '/r/a.txt', change: 'edited', added: ['new'], removed: ['old'] },
    { path: '/r/z.txt', change: 'created', added: ['z'], removed: [], content: 'z\n' },
  ]);
});
