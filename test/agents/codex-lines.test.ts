/**
 * Codex rollout lines of each kind and version, one row a case: what `show` gets from them. The
 * 0.169 shapes are copied from rollouts the real binary wrote (fixtures/transcripts/codex/*-0.169.jsonl).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codexParser } from '../../src/agents/codex-parse.js';
import type { AgentEvent } from '../../src/agents/types.js';

const line = (type: string, payload: object) => JSON.stringify({ timestamp: '2026-12-06T05:47:14.000Z', type, payload });
const meta = line('session_meta', { id: 'T', cwd: '/w/repo', cli_version: '0.169.0' });
const started = line('event_msg', { type: 'task_started', turn_id: 'R' });
const complete = line('event_msg', { type: 'task_complete', turn_id: 'R' });
const aborted = line('event_msg', { type: 'turn_aborted', turn_id: 'R', reason: 'interrupted' });
const item = (i: object) => line('event_msg', { type: 'item_completed', thread_id: 'T', turn_id: 'R', item: i });
const userItem = (text: string) => item({ type: 'UserMessage', id: 'u', content: [{ type: 'text', text, text_elements: [] }] });
const agentItem = (text: string) => item({ type: 'AgentMessage', id: 'm', content: [{ type: 'Text', text }] });
const userResponse = (text: string) => line('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
const assistantResponse = (text: string) => line('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] });
const userEvent = (message: string, kind?: string) => line('event_msg', { type: 'user_message', message, ...(kind && { kind }), images: [] });
const agentEvent = (message: string) => line('event_msg', { type: 'agent_message', message });
const call = line('response_item', { type: 'function_call', name: 'exec_command', arguments: '{"cmd":"npm test"}', call_id: 'call_1' });
const callOutput = line('response_item', { type: 'function_call_output', call_id: 'call_1', output: 'Chunk ID: 1\nProcess exited with code 1\nOutput:\nfail\n' });
const commandItem = item({ type: 'CommandExecution', id: 'call_1', command: ['/bin/bash', '-lc', 'npm test'], cwd: 'file:///w/repo',
  status: 'completed', aggregated_output: 'fail\n', exit_code: 1 });
const patch = line('response_item', { type: 'custom_tool_call', status: 'completed', call_id: 'call_2', name: 'apply_patch',
  input: '*** Begin Patch\n*** Update File: a.txt\n@@\n-old\n+new\n*** End Patch\n' });
const patchOutput = line('response_item', { type: 'custom_tool_call_output', call_id: 'call_2', output: 'Exit code: 0\nWall time: 0.1 seconds\nOutput:\nSuccess.\n' });
const changeItem = item({ type: 'FileChange', id: 'call_2', status: 'completed',
  changes: { '/w/repo/a.txt': { type: 'update', unified_diff: '@@ -1 +1 @@\n-old\n+new\n', move_path: null } } });

/** The events a reader cares about, short. */
function brief(events: AgentEvent[]): string[] {
  return events.flatMap((e): string[] => {
    if (e.kind === 'turn') return [`turn ${e.edge}`];
    if (e.kind === 'prompt') return [`prompt ${e.text}`];
    if (e.kind === 'answer') return [`answer ${e.text}`];
    if (e.kind === 'tool_call') return [`call ${e.name} ${JSON.stringify(e.args)}`];
    if (e.kind === 'tool_result') return [`result ${e.ok ? 'ok' : 'failed'}`];
    if (e.kind === 'command') return [`command ${e.command} → ${e.exitCode}`];
    if (e.kind === 'file_edit') return [`${e.change} ${e.path} +${e.added} -${e.removed}`];
    return [];
  });
}

function parse(lines: string[]): string[] {
  const state = codexParser.init();
  return brief(lines.flatMap((l) => codexParser.parseLine(l, state)));
}

const rows: { name: string; lines: string[]; expected: string[] }[] = [
  { name: 'legacy user_message opens a turn', lines: [started, userEvent('fix it')], expected: ['turn start', 'prompt fix it'] },
  { name: 'legacy user_message of another kind is injected context', lines: [userEvent('<environment_context>x</environment_context>', 'environment_context')], expected: [] },
  { name: 'legacy: response_item copy and user_message, one prompt', lines: [started, userResponse('<environment_context>\n  <cwd>/w</cwd>\n</environment_context>'), userResponse('fix it'), userEvent('fix it')],
    expected: ['turn start', 'prompt fix it'] },
  { name: '0.169: response_item copy and UserMessage, one prompt', lines: [started, userResponse('fix it'), userItem('fix it')], expected: ['turn start', 'prompt fix it'] },
  { name: 'a response_item user message alone is never a prompt', lines: [userResponse('fix it'), userResponse('# AGENTS.md instructions for /w\n\n<INSTRUCTIONS>x</INSTRUCTIONS>')], expected: [] },
  { name: 'injected context as a UserMessage is no prompt', lines: [userItem('<turn_aborted>\nThe user interrupted the previous turn.\n</turn_aborted>')], expected: [] },
  { name: 'a prompt without task_started still gets a turn start', lines: [userItem('fix it')], expected: ['turn start', 'prompt fix it'] },
  { name: 'a prompt steered into a running turn opens its own', lines: [started, userItem('one'), userItem('two')],
    expected: ['turn start', 'prompt one', 'turn start', 'prompt two'] },
  { name: 'both message versions of one prompt (a transitional writer), one prompt', lines: [started, userEvent('fix it'), userItem('fix it')], expected: ['turn start', 'prompt fix it'] },
  { name: '0.169: AgentMessage then the response_item copy, one answer', lines: [agentItem('Done.'), assistantResponse('Done.')], expected: ['answer Done.'] },
  { name: 'legacy: agent_message then the response_item copy, one answer', lines: [agentEvent('Done.'), assistantResponse('Done.')], expected: ['answer Done.'] },
  { name: 'the same answer given twice is kept twice', lines: [agentItem('Done.'), assistantResponse('Done.'), agentItem('Done.'), assistantResponse('Done.')],
    expected: ['answer Done.', 'answer Done.'] },
  { name: 'copies that differ only in whitespace are one answer', lines: [agentItem('a\nb'), assistantResponse('a b')], expected: ['answer a\nb'] },
  { name: 'an answer written only once in each of two turns is kept in both', lines: [started, agentItem('Done.'), complete, started, assistantResponse('Done.')],
    expected: ['turn start', 'answer Done.', 'turn end', 'turn start', 'answer Done.'] },
  { name: '0.169: function_call, CommandExecution, output: one call, one command', lines: [call, commandItem, callOutput],
    expected: ['call exec_command {"command":"npm test"}', 'result failed', 'command npm test → 1'] },
  { name: 'a CommandExecution no response_item named speaks for itself', lines: [meta, commandItem, callOutput],
    expected: ['call exec_command {"command":"npm test"}', 'result failed', 'command npm test → 1'] },
  { name: '0.169: apply_patch, FileChange, output: one edit', lines: [patch, changeItem, patchOutput],
    expected: ['call apply_patch {"path":"a.txt"}', 'result ok', 'edited a.txt +1 -1'] },
  { name: 'a FileChange alone gives its edits, relative to the session cwd', lines: [meta, changeItem],
    expected: ['call apply_patch {"path":"a.txt"}', 'result ok', 'edited a.txt +1 -1'] },
  { name: 'FileChange add and delete', lines: [meta, item({ type: 'FileChange', id: 'c', status: 'completed',
    changes: { '/w/repo/n.txt': { type: 'add', content: 'a\nb\n' }, '/elsewhere/o.txt': { type: 'delete', content: 'x\n' } } })],
  expected: ['call apply_patch {"path":"n.txt /elsewhere/o.txt"}', 'result ok', 'created n.txt +2 -0', 'deleted /elsewhere/o.txt +0 -1'] },
  { name: 'FileChange as a list of {path, kind}', lines: [item({ type: 'FileChange', id: 'c', changes: [{ path: 'n.txt', kind: 'add' }] })],
    expected: ['call apply_patch {"path":"n.txt"}', 'result ok', 'created n.txt +0 -0'] },
  { name: 'a declined FileChange has no edits', lines: [item({ type: 'FileChange', id: 'c', status: 'declined', changes: { 'n.txt': { type: 'add', content: 'a\n' } } })],
    expected: ['call apply_patch {"path":"n.txt"}', 'result failed'] },
  { name: 'turn_aborted ends the turn', lines: [started, userItem('fix it'), aborted], expected: ['turn start', 'prompt fix it', 'turn end'] },
  { name: 'item_completed of an unknown item type or no item', lines: [item({ type: 'Reasoning', id: 'r' }), line('event_msg', { type: 'item_completed' })], expected: [] },
];

for (const row of rows) test(row.name, () => assert.deepEqual(parse(row.lines), row.expected));

test('0.169 boilerplate lines are known, not counted as unknown', () => {
  const state = codexParser.init();
  codexParser.parseLine(line('token_usage_record', { thread_id: 'T', usage: {} }), state);
  codexParser.parseLine(line('world_state', { full: true, state: {} }), state);
  assert.deepEqual([state.unknown, state.problems], [0, 0]);
});

test('compaction drops 0.169 base_instructions like the older instructions field', () => {
  const kept = codexParser.compact(line('session_meta', { id: 'T', base_instructions: { text: 'You are Codex…' } }), { keepThinking: false, maxString: 4000 });
  assert.equal(JSON.parse(kept ?? '{}').payload.base_instructions, '[aisess: dropped]');
});
