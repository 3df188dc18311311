/**
 * Pure: a segment's `aisess.agent` events → what a reviewer reads: the conversation in order
 * (prompts, answers, tool calls one line each), files edited with +/- counts, models, tokens, and the
 * command that resumes the agent's session. Events are read defensively: any version may have written them.
 */
import { agentData } from '../journal/event-data.js';

type Event = readonly [number, string, string];

export interface AgentSessionRef {
  agent: string;
  id: string;
  resume: string;
  version?: string;
}

export interface ToolCall {
  time: number;
  id: string | null;
  name: string;
  args: Record<string, string>;
  /** null until (or unless) its result was recorded. */
  ok: boolean | null;
  exitCode: number | null;
}

export type Item =
  | { time: number; type: 'prompt' | 'answer' | 'thinking'; text: string }
  | { time: number; type: 'tool'; call: ToolCall };

export interface FileEdit {
  path: string;
  change: 'created' | 'edited' | 'deleted';
  added: number;
  removed: number;
}

export interface Tokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface AgentDigest {
  session: AgentSessionRef | null;
  models: string[];
  /** The prompt of the turn this segment continues, when it holds none of its own. */
  continues: string | null;
  items: Item[];
  edits: FileEdit[];
  tokens: Tokens;
  /** Whether any agent event was there at all (a generic session has none). */
  any: boolean;
}

export function digestAgent(events: readonly Event[], lead: readonly Event[] = []): AgentDigest {
  const d: AgentDigest = { session: null, models: [], continues: null, items: [], edits: [], tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, any: false };
  const calls = new Map<string, ToolCall>();
  for (const [time, code, data] of lead) {
    const e = agentData({ time, code, data });
    if (e?.kind === 'session') d.session = sessionRef(e) ?? d.session;
    if (e?.kind === 'model' && typeof e.name === 'string') d.models = [e.name];
    if (e?.kind === 'prompt' && typeof e.text === 'string') d.continues = e.text;
  }
  for (const [time, code, data] of events) {
    const e = agentData({ time, code, data });
    if (!e) continue;
    d.any = true;
    apply(d, calls, time, e as unknown as Record<string, unknown>);
  }
  if (d.items.some((i) => i.type === 'prompt')) d.continues = null;
  return d;
}

function apply(d: AgentDigest, calls: Map<string, ToolCall>, time: number, e: Record<string, unknown>): void {
  const text = typeof e.text === 'string' ? e.text : null;
  switch (e.kind) {
    case 'session':
      d.session = sessionRef(e) ?? d.session;
      break;
    case 'model':
      if (typeof e.name === 'string' && !d.models.includes(e.name)) d.models.push(e.name);
      break;
    case 'prompt':
    case 'answer':
    case 'thinking':
      if (text !== null) d.items.push({ time, type: e.kind, text });
      break;
    case 'tool_call': {
      const call: ToolCall = { time, id: typeof e.id === 'string' ? e.id : null, name: String(e.name ?? '?'), args: stringArgs(e.args), ok: null, exitCode: null };
      if (call.id) calls.set(call.id, call);
      d.items.push({ time, type: 'tool', call });
      break;
    }
    case 'tool_result': {
      const call = typeof e.id === 'string' ? calls.get(e.id) : undefined;
      if (call) call.ok = e.ok !== false;
      if (call && typeof e.exitCode === 'number') call.exitCode = e.exitCode;
      break;
    }
    case 'file_edit':
      addEdit(d.edits, e);
      break;
    case 'usage':
      for (const k of ['input', 'output', 'cacheRead', 'cacheWrite'] as const) d.tokens[k] += count(e[k]);
      break;
  }
}

function addEdit(edits: FileEdit[], e: Record<string, unknown>): void {
  if (typeof e.path !== 'string') return;
  const change = e.change === 'created' || e.change === 'deleted' ? e.change : 'edited';
  const seen = edits.find((x) => x.path === e.path);
  if (!seen) {
    edits.push({ path: e.path, change, added: count(e.added), removed: count(e.removed) });
    return;
  }
  seen.added += count(e.added);
  seen.removed += count(e.removed);
  // Created then edited is still a creation; anything then deleted is a deletion.
  if (change === 'deleted' || seen.change !== 'created') seen.change = change === 'created' && seen.change === 'deleted' ? 'edited' : change;
}

function sessionRef(e: Record<string, unknown>): AgentSessionRef | null {
  if (typeof e.id !== 'string' || typeof e.resume !== 'string') return null;
  return { agent: String(e.agent ?? ''), id: e.id, resume: e.resume, ...(typeof e.version === 'string' && { version: e.version }) };
}

function stringArgs(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object') return {};
  return Object.fromEntries(Object.entries(v).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
}

function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}
