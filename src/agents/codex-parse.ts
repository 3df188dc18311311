/**
 * Pure parser of Codex rollout lines ($CODEX_HOME/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl):
 * `{timestamp, [ordinal,] type, payload}`. Prompts come from event_msg user_message (to 0.16x) or
 * item_completed UserMessage (0.169), never from response_item user messages, which also carry the
 * context Codex injects; answers from whichever copy comes first (codex-messages.ts); tool calls from
 * response_items, or from item_completed where no response_item names them (codex-items.ts); turns
 * from task_started/complete/aborted; usage from the growth of token_count totals (the same count is
 * often written twice).
 */
import { readLine, capStrings, compactArgs, num, obj, parseLineObject, parseObject, str, truncate, type Json } from './compact.js';
import { itemCompleted } from './codex-items.js';
import type { Call, CodexState } from './codex-state.js';
import { answerEvents, promptEvents, textOf } from './codex-messages.js';
import { patchEdits } from './codex-patch.js';
import type { AgentEvent, CompactOptions, TranscriptParser } from './types.js';

const KNOWN = new Set(['session_meta', 'turn_context', 'response_item', 'event_msg', 'compacted', 'token_usage_record', 'world_state']);
const OUTPUT_TEXT = new Set(['output_text']);
const SUMMARY_TEXT = new Set(['summary_text']);
const SHELL = new Set(['shell', 'exec_command', 'shell_command', 'container.exec', 'local_shell']);

export const codexParser: TranscriptParser<CodexState> = {
  init: () => ({ problems: 0, unknown: 0, startPending: false, calls: new Map(), itemCalls: new Set(), echoes: new Map(),
    total: { input: 0, cached: 0, output: 0 } }),
  parseLine(line, state) {
    const read = readLine(line, state, KNOWN);
    if (!read) return [];
    const { value, type } = read;
    const payload = obj(value.payload) ?? {};
    if (type === 'session_meta') return sessionMeta(payload, state);
    if (type === 'turn_context') return modelChange(str(payload.model), state);
    if (type === 'response_item') return responseItem(payload, state);
    if (type === 'event_msg') return eventMsg(payload, Date.parse(str(value.timestamp) ?? ''), state);
    return [];
  },
  compact: compactCodexLine,
};

function sessionMeta(p: Json, state: CodexState): AgentEvent[] {
  const id = str(p.id);
  if (!id || state.sessionId) return [];
  state.sessionId = id;
  state.cwd = str(p.cwd);
  const version = str(p.cli_version);
  return [{ kind: 'session', agent: 'codex', id, resume: `codex resume ${id}`, ...(version && { version }) }];
}

function modelChange(model: string | undefined, state: CodexState): AgentEvent[] {
  if (!model || model === state.model) return [];
  state.model = model;
  return [{ kind: 'model', name: model }];
}

function responseItem(p: Json, state: CodexState): AgentEvent[] {
  const type = str(p.type);
  if (type === 'message' && p.role === 'assistant') return answerEvents(textOf(p.content, OUTPUT_TEXT), 'response', state);
  if (type === 'reasoning') {
    const text = textOf(p.summary, SUMMARY_TEXT);
    return text ? [{ kind: 'thinking', text }] : [];
  }
  const id = str(p.call_id);
  if (id && state.itemCalls.has(id)) return [];
  if (type === 'function_call' || type === 'custom_tool_call' || type === 'local_shell_call') return [toolCall(p, state)];
  if (type === 'function_call_output' || type === 'custom_tool_call_output') return toolOutput(p, state);
  return [];
}

function toolCall(p: Json, state: CodexState): AgentEvent {
  const name = str(p.name) ?? (p.type === 'local_shell_call' ? 'local_shell' : '?');
  const id = str(p.call_id);
  const input = p.type === 'local_shell_call' ? obj(p.action) : argsOf(p);
  const call: Call = { name };
  let args = compactArgs(input && { ...input, command: shellWords(input.command) });
  if (SHELL.has(name)) call.command = args.command;
  if (name === 'apply_patch') {
    call.patch = str(p.input) ?? str(input?.input) ?? str(input?.patch) ?? '';
    const paths = patchEdits(call.patch).map((e) => e.path);
    args = paths.length ? { path: truncate(paths.join(' ')) } : {};
  }
  if (id) state.calls.set(id, call);
  return { kind: 'tool_call', ...(id && { id }), name, args };
}

/** `["bash", "-lc", "npm test"]` is what the model asked for as `npm test`. */
function shellWords(command: unknown): unknown {
  if (!Array.isArray(command)) return command;
  const [shell, flag, script] = command;
  const wrapped = command.length === 3 && /(?:^|\/)(?:ba|z)?sh$/.test(String(shell)) && /^-l?c$/.test(String(flag));
  return wrapped ? script : command;
}

/** function_call arguments are a JSON string; custom tools carry raw `input`. */
function argsOf(p: Json): Json | undefined {
  const raw = p.arguments;
  if (typeof raw === 'string') return parseObject(raw) ?? undefined;
  return obj(raw);
}

function toolOutput(p: Json, state: CodexState): AgentEvent[] {
  const id = str(p.call_id);
  const call = id ? state.calls.get(id) : undefined;
  const { ok, exitCode } = outcome(p.output);
  const events: AgentEvent[] = [{ kind: 'tool_result', ...(id && { id }), ...(call && { name: call.name }), ok,
    ...(exitCode !== undefined && { exitCode }) }];
  if (call?.command) events.push({ kind: 'command', command: call.command, exitCode: exitCode ?? null });
  if (call?.patch && ok) events.push(...patchEdits(call.patch));
  return events;
}

/** Older versions wrap output as JSON {output, metadata: {exit_code}}; newer ones write text. */
function outcome(output: unknown): { ok: boolean; exitCode?: number } {
  const o = obj(output);
  if (o && typeof o.success === 'boolean') return { ok: o.success };
  const text = str(output) ?? str(o?.content) ?? '';
  const exit = num(obj(parseObject(text)?.metadata)?.exit_code)
    ?? numberFrom(/^(?:Exit code:|Process exited with code) (-?\d+)/m.exec(text));
  if (exit !== undefined) return { ok: exit === 0, exitCode: exit };
  return { ok: !/^(?:error|failed|apply_patch verification failed)/im.test(text) };
}

function numberFrom(m: RegExpExecArray | null): number | undefined {
  return m ? Number(m[1]) : undefined;
}

function eventMsg(p: Json, time: number, state: CodexState): AgentEvent[] {
  const type = str(p.type);
  // 0.3x–0.4x also wrote injected context as user_message events, with a kind other than plain.
  if (type === 'user_message') return p.kind === undefined || p.kind === 'plain' ? promptEvents(str(p.message), 'event', state) : [];
  if (type === 'agent_message') return answerEvents(str(p.message), 'event', state);
  if (type === 'item_completed') return itemCompleted(obj(p.item) ?? {}, state);
  if (type === 'task_started') {
    state.turnStartedAt = Number.isFinite(time) ? time : undefined;
    state.startPending = true;
    state.echoes.clear();
    return [{ kind: 'turn', edge: 'start' }];
  }
  if (type === 'task_complete' || type === 'turn_aborted') {
    const start = state.turnStartedAt;
    state.turnStartedAt = undefined;
    const durationMs = start !== undefined && Number.isFinite(time) ? time - start : undefined;
    return [{ kind: 'turn', edge: 'end', ...(durationMs !== undefined && { durationMs }) }];
  }
  if (type === 'token_count') return usageGrowth(obj(obj(p.info)?.total_token_usage), state);
  return [];
}

function usageGrowth(total: Json | undefined, state: CodexState): AgentEvent[] {
  if (!total) return [];
  const now = { input: num(total.input_tokens) ?? 0, cached: num(total.cached_input_tokens) ?? 0, output: num(total.output_tokens) ?? 0 };
  const prev = state.total;
  const cached = Math.max(0, now.cached - prev.cached);
  const input = Math.max(0, now.input - prev.input - cached);
  const output = Math.max(0, now.output - prev.output);
  state.total = { input: Math.max(now.input, prev.input), cached: Math.max(now.cached, prev.cached), output: Math.max(now.output, prev.output) };
  if (!input && !output && !cached) return [];
  return [{ kind: 'usage', input, output, ...(cached && { cacheRead: cached }) }];
}

/** Drops reasoning (encrypted or summarised) unless kept, and caps strings. */
export function compactCodexLine(line: string, opts: CompactOptions): string | null {
  const value = parseLineObject(line);
  if (!value) return null;
  const p = obj(value.payload);
  const thinking = (value.type === 'response_item' && p?.type === 'reasoning') || (value.type === 'event_msg' && p?.type === 'agent_reasoning');
  if (thinking && !opts.keepThinking) return null;
  // The parsed line is shared (parseLineObject): changes go to a copy.
  const kept: Json = { ...value };
  if (value.type === 'session_meta' && p && typeof p.instructions === 'string') kept.payload = { ...p, instructions: '[aisess: dropped]' };
  // 0.169 moved Codex's own system prompt (tens of KB) here.
  if (value.type === 'session_meta' && p && obj(p.base_instructions)) kept.payload = { ...(obj(kept.payload) ?? p), base_instructions: '[aisess: dropped]' };
  return JSON.stringify(capStrings(kept, opts.maxString));
}
