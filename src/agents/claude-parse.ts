/**
 * Pure parser of Claude Code transcript lines ($CLAUDE_CONFIG_DIR/projects/<slug>/<uuid>.jsonl).
 * `assistant` lines hold one content block each (text, thinking, tool_use) and repeat the message's
 * usage, so usage is counted once per message id (only growth is emitted). `user` lines are prompts
 * or tool results whose `toolUseResult` tells the file and patch.
 */
import { readLine, capStrings, compactArgs, lineCount, num, obj, parseLineObject, str, type Json } from './compact.js';
import type { AgentEvent, CompactOptions, ParseCounters, TranscriptParser } from './types.js';

type Usage = { input: number; output: number; cacheRead: number; cacheWrite: number };

export interface ClaudeState extends ParseCounters {
  sessionId?: string;
  model?: string;
  usage: Map<string, Usage>;
  tools: Map<string, { name: string; input: Json }>;
}

const KNOWN = new Set(['user', 'assistant', 'system', 'summary', 'ai-title', 'last-prompt', 'file-history-snapshot', 'attachment']);

export const claudeParser: TranscriptParser<ClaudeState> = {
  init: () => ({ problems: 0, unknown: 0, usage: new Map(), tools: new Map() }),
  parseLine(line, state) {
    const read = readLine(line, state, KNOWN);
    if (!read) return [];
    const { value, type } = read;
    const events = sessionEvent(value, state);
    // A subagent's (Agent/Task tool) prompt, answers and turn are its parent's business, not the user's:
    // its tool calls, file edits, commands and tokens belong to the parent turn that started it.
    if (value.isSidechain === true) return [...events, ...sidechainLine(value, type, state)];
    if (type === 'user') events.push(...userLine(value, state));
    else if (type === 'assistant') events.push(...assistantLine(value, state));
    else if (type === 'system' && value.subtype === 'turn_duration') {
      events.push({ kind: 'turn', edge: 'end', ...(num(value.durationMs) !== undefined && { durationMs: num(value.durationMs) }) });
    }
    return events;
  },
  compact(line, opts) {
    return compactClaudeLine(line, opts);
  },
};

function sidechainLine(value: Json, type: string | undefined, state: ClaudeState): AgentEvent[] {
  const agent = str(value.agentId);
  if (type === 'user') return userLine(value, state).filter((e) => e.kind !== 'turn' && e.kind !== 'prompt');
  if (type !== 'assistant') return [];
  return assistantLine(value, state).flatMap((e): AgentEvent[] => {
    if (e.kind === 'tool_call') return [agent ? { ...e, subagent: agent } : e];
    return e.kind === 'usage' ? [e] : [];
  });
}

/**
 * From the first line that says when it was written: 2.1.197 starts a file with untimed lines
 * (ai-title, mode, permission-mode), and an untimed session event would sort after the turn it opens.
 * Timed lines also carry the version.
 */
function sessionEvent(value: Json, state: ClaudeState): AgentEvent[] {
  const id = str(value.sessionId);
  if (!id || state.sessionId || str(value.timestamp) === undefined) return [];
  state.sessionId = id;
  const version = str(value.version);
  return [{ kind: 'session', agent: 'claude', id, resume: `claude --resume ${id}`, ...(version && { version }) }];
}

function userLine(value: Json, state: ClaudeState): AgentEvent[] {
  const content = obj(value.message)?.content;
  if (typeof content === 'string') return value.isMeta === true ? [] : promptEvents(content);
  if (!Array.isArray(content)) return [];
  const events: AgentEvent[] = [];
  for (const block of content.map(obj)) {
    if (block?.type === 'tool_result') events.push(...toolResult(block, obj(value.toolUseResult), state));
    else if (block?.type === 'text' && value.isMeta !== true) events.push(...promptEvents(str(block.text) ?? ''));
  }
  return events;
}

/** Slash commands and their output come as user lines wrapped in tags: they are not prompts. */
function promptEvents(text: string): AgentEvent[] {
  if (!text.trim() || /^<(command-|local-command-)/.test(text.trimStart())) return [];
  return [{ kind: 'turn', edge: 'start' }, { kind: 'prompt', text }];
}

function assistantLine(value: Json, state: ClaudeState): AgentEvent[] {
  const message = obj(value.message);
  if (!message) return [];
  const events: AgentEvent[] = [];
  const model = str(message.model);
  if (model && model !== '<synthetic>' && model !== state.model) {
    state.model = model;
    events.push({ kind: 'model', name: model });
  }
  const content = Array.isArray(message.content) ? message.content.map(obj) : [];
  for (const block of content) {
    if (block?.type === 'text' && str(block.text)?.trim()) events.push({ kind: 'answer', text: str(block.text) as string });
    else if (block?.type === 'thinking' && str(block.thinking)) events.push({ kind: 'thinking', text: str(block.thinking) as string });
    else if (block?.type === 'tool_use') events.push(toolCall(block, state));
  }
  const usage = usageGrowth(str(message.id), obj(message.usage), state);
  if (usage) events.push(usage);
  return events;
}

function toolCall(block: Json, state: ClaudeState): AgentEvent {
  const name = str(block.name) ?? '?';
  const input = obj(block.input) ?? {};
  const id = str(block.id);
  if (id) state.tools.set(id, { name, input });
  return { kind: 'tool_call', ...(id && { id }), name, args: compactArgs(input) };
}

function usageGrowth(id: string | undefined, raw: Json | undefined, state: ClaudeState): AgentEvent | undefined {
  if (!raw) return undefined;
  const now: Usage = {
    input: num(raw.input_tokens) ?? 0, output: num(raw.output_tokens) ?? 0,
    cacheRead: num(raw.cache_read_input_tokens) ?? 0, cacheWrite: num(raw.cache_creation_input_tokens) ?? 0,
  };
  const key = id ?? `anon-${state.usage.size}`;
  const seen = state.usage.get(key) ?? { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  const grow = (k: keyof Usage) => Math.max(0, now[k] - seen[k]);
  const delta = { input: grow('input'), output: grow('output'), cacheRead: grow('cacheRead'), cacheWrite: grow('cacheWrite') };
  state.usage.set(key, { input: Math.max(now.input, seen.input), output: Math.max(now.output, seen.output),
    cacheRead: Math.max(now.cacheRead, seen.cacheRead), cacheWrite: Math.max(now.cacheWrite, seen.cacheWrite) });
  if (!delta.input && !delta.output && !delta.cacheRead && !delta.cacheWrite) return undefined;
  return { kind: 'usage', input: delta.input, output: delta.output,
    ...(delta.cacheRead && { cacheRead: delta.cacheRead }), ...(delta.cacheWrite && { cacheWrite: delta.cacheWrite }) };
}

function toolResult(block: Json, result: Json | undefined, state: ClaudeState): AgentEvent[] {
  const id = str(block.tool_use_id);
  const call = id ? state.tools.get(id) : undefined;
  const ok = block.is_error !== true;
  const path = str(result?.filePath) ?? str(obj(result?.file)?.filePath) ?? str(call?.input.file_path);
  const events: AgentEvent[] = [];
  const exitCode = call?.name === 'Bash' ? bashExitCode(ok, block.content) : undefined;
  events.push({ kind: 'tool_result', ...(id && { id }), ...(call && { name: call.name }), ok,
    ...(path && { path }), ...(exitCode !== undefined && { exitCode }) });
  if (call?.name === 'Bash' && str(call.input.command)) {
    events.push({ kind: 'command', command: str(call.input.command) as string, exitCode: exitCode ?? null });
  }
  const edit = ok && result && path ? fileEdit(path, result) : undefined;
  if (edit) events.push(edit);
  return events;
}

/** Bash results carry no exit code field; a failure's text starts with "Exit code N". */
function bashExitCode(ok: boolean, content: unknown): number | undefined {
  if (ok) return 0;
  const text = typeof content === 'string' ? content : Array.isArray(content) ? str(obj(content[0])?.text) ?? '' : '';
  const m = /Exit code (\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

function fileEdit(path: string, result: Json): AgentEvent | undefined {
  const patch = Array.isArray(result.structuredPatch) ? result.structuredPatch.map(obj) : undefined;
  if (result.type === 'create') {
    return { kind: 'file_edit', path, change: 'created', added: lineCount(str(result.content) ?? ''), removed: 0 };
  }
  if (!patch) return undefined;
  let added = 0;
  let removed = 0;
  for (const hunk of patch) {
    for (const l of Array.isArray(hunk?.lines) ? hunk.lines : []) {
      if (typeof l !== 'string') continue;
      if (l.startsWith('+')) added++;
      else if (l.startsWith('-')) removed++;
    }
  }
  return { kind: 'file_edit', path, change: 'edited', added, removed };
}

/**
 * Lines that copy what Claude Code sends the model rather than what was said: 2.1.332 logs each API
 * request (`api-request*`, tens of KB a turn) and re-lists its tools, agents, skills and system prompt
 * as attachments. A note is about the conversation; these would make it ten times larger.
 */
const VENDOR_LINES = new Set(['api-request', 'api-request-shape', 'api-request-blob']);
const VENDOR_ATTACHMENTS = new Set(['deferred_tools_delta', 'agent_listing_delta', 'skill_listing', 'prompt_snapshot']);

/** Drops thinking blocks (and lines that were only thinking), vendor context, the whole-file copies, and caps strings. */
export function compactClaudeLine(line: string, opts: CompactOptions): string | null {
  const value = parseLineObject(line);
  if (!value) return null;
  if (VENDOR_LINES.has(str(value.type) ?? '')) return null;
  if (value.type === 'attachment' && VENDOR_ATTACHMENTS.has(str(obj(value.attachment)?.type) ?? '')) return null;
  // The parsed line is shared (parseLineObject): changes go to a copy.
  const kept: Json = { ...value };
  const message = obj(value.message);
  if (!opts.keepThinking && message && Array.isArray(message.content)) {
    const content = message.content.filter((b) => obj(b)?.type !== 'thinking' && obj(b)?.type !== 'redacted_thinking');
    if (content.length === 0 && message.content.length > 0) return null;
    kept.message = { ...message, content };
  }
  const result = obj(value.toolUseResult);
  if (result && 'originalFile' in result) kept.toolUseResult = { ...result, originalFile: '[aisess: dropped]' };
  return JSON.stringify(capStrings(kept, opts.maxString));
}
