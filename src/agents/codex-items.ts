/**
 * Codex 0.169's `event_msg item_completed` lines: UserMessage and AgentMessage (its prompts and
 * answers, which no longer come as user_message / agent_message), CommandExecution and FileChange.
 * The tool items repeat a response_item call with the same call id: they speak only for calls no
 * response_item named, and a response_item arriving after one is skipped (see codex-parse.ts).
 */
import { num, obj, str, truncate, type Json } from './compact.js';
import { answerEvents, promptEvents, textOf } from './codex-messages.js';
import type { CodexState } from './codex-state.js';
import type { AgentEvent } from './types.js';

type FileEdit = Extract<AgentEvent, { kind: 'file_edit' }>;

const USER_TEXT = new Set(['text', 'input_text']);
const AGENT_TEXT = new Set(['Text', 'text', 'output_text']);

export function itemCompleted(item: Json, state: CodexState): AgentEvent[] {
  const type = str(item.type);
  if (type === 'UserMessage') return promptEvents(textOf(item.content, USER_TEXT), 'item', state);
  if (type === 'AgentMessage') return answerEvents(textOf(item.content, AGENT_TEXT), 'item', state);
  const id = str(item.id);
  if (id && state.calls.has(id)) return [];
  if (type === 'CommandExecution') return commandItem(item, id, state);
  if (type === 'FileChange') return fileChangeItem(item, id, state);
  return [];
}

function commandItem(item: Json, id: string | undefined, state: CodexState): AgentEvent[] {
  const command = commandText(item.command);
  if (command === undefined) return [];
  if (id) state.itemCalls.add(id);
  const exitCode = num(item.exit_code);
  const ok = exitCode !== undefined ? exitCode === 0 : item.status === 'completed';
  return [
    { kind: 'tool_call', ...(id && { id }), name: 'exec_command', args: { command: truncate(command) } },
    { kind: 'tool_result', ...(id && { id }), name: 'exec_command', ok, ...(exitCode !== undefined && { exitCode }) },
    { kind: 'command', command, exitCode: exitCode ?? null },
  ];
}

/** `["/bin/bash", "-lc", "npm test"]` is `npm test`; older versions write the string. */
function commandText(command: unknown): string | undefined {
  if (typeof command === 'string') return command;
  if (!Array.isArray(command) || !command.every((w) => typeof w === 'string')) return undefined;
  const [shell, flag, script] = command as string[];
  const wrapped = command.length === 3 && /(?:^|\/)(?:ba|z)?sh$/.test(shell ?? '') && /^-l?c$/.test(flag ?? '');
  return wrapped ? script : command.join(' ');
}

function fileChangeItem(item: Json, id: string | undefined, state: CodexState): AgentEvent[] {
  const edits = changesOf(item.changes, state.cwd);
  if (!edits.length) return [];
  if (id) state.itemCalls.add(id);
  const ok = item.status === undefined || item.status === 'completed';
  return [
    { kind: 'tool_call', ...(id && { id }), name: 'apply_patch', args: { path: truncate(edits.map((e) => e.path).join(' ')) } },
    { kind: 'tool_result', ...(id && { id }), name: 'apply_patch', ok },
    ...(ok ? edits : []),
  ];
}

/** The rollout writes `{path: {type, content | unified_diff, move_path}}`; `exec --json` a list of `{path, kind}`. */
function changesOf(changes: unknown, cwd: string | undefined): FileEdit[] {
  const entries: [string, Json][] = Array.isArray(changes)
    ? changes.map(obj).filter((c): c is Json => !!str(c?.path)).map((c) => [str(c.path) as string, { ...c, type: c.type ?? c.kind }])
    : Object.entries(obj(changes) ?? {}).map(([path, c]) => [path, obj(c) ?? {}]);
  return entries.map(([path, c]) => fileEdit(relative(str(c.move_path) ?? path, cwd), c));
}

function fileEdit(path: string, c: Json): FileEdit {
  const type = str(c.type);
  const lines = (text: string | undefined) => (text ? text.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '').length : 0);
  if (type === 'add') return { kind: 'file_edit', path, change: 'created', added: lines(str(c.content)), removed: 0 };
  if (type === 'delete') return { kind: 'file_edit', path, change: 'deleted', added: 0, removed: lines(str(c.content)) };
  const diff = (str(c.unified_diff) ?? '').split('\n').filter((l) => !/^(?:\+\+\+|---) /.test(l));
  return { kind: 'file_edit', path, change: 'edited', added: diff.filter((l) => l.startsWith('+')).length,
    removed: diff.filter((l) => l.startsWith('-')).length };
}

function relative(path: string, cwd: string | undefined): string {
  return cwd && path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}
