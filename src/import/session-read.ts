/**
 * One agent session as its own files hold it, read whole: the agent's parser (the one the live
 * follower uses) turns each line into events, the same line's edit gives the edit's content
 * (src/agents/edit-content.ts), and prompts cut the session into turns. Lines are put in order the
 * way the follower does it: Claude's by the parentUuid chain with its subagents' files linked to
 * their Agent calls (src/agents/claude-order.ts). Damaged lines are counted, never thrown on.
 */
import { claudeLineOrder } from '../agents/claude-order.js';
import { claudeParser } from '../agents/claude-parse.js';
import { codexParser } from '../agents/codex-parse.js';
import { parseLineObject } from '../agents/compact.js';
import { claudeEditContent, codexEditContent, type EditContent } from '../agents/edit-content.js';
import type { AgentEvent, ParseCounters, TranscriptParser } from '../agents/types.js';

/** The agents whose own session files `aisess import` reads. */
export type ImportAgent = 'claude' | 'codex';

/** Longest string kept inside a transcript line in a record, as the live follower keeps it. */
const MAX_STRING = 4000;

export interface TimedEvent {
  /** Epoch ms: the line's own time (or the last one before it). */
  at: number;
  event: AgentEvent;
}

export interface TimedEdit {
  at: number;
  edit: EditContent;
}

export interface Turn {
  /** 0-based, in prompt order: the record id's segment index. */
  index: number;
  prompt: string;
  events: TimedEvent[];
  edits: TimedEdit[];
}

export interface AgentSessionRead {
  agent: ImportAgent;
  id: string;
  cwd: string | null;
  version?: string;
  /** Epoch ms of the first timed line. */
  startedAt: number;
  turns: Turn[];
  /** Lines that were not JSON objects. */
  problems: number;
}

export interface SessionLines {
  agent: ImportAgent;
  lines: readonly string[];
  /** Claude subagents: their file's lines, id and the Agent call that started them. */
  subagents?: readonly { lines: readonly string[]; agentId?: string; toolUseId?: string }[];
}

export function readSession(source: SessionLines, keepThinking: boolean): AgentSessionRead | null {
  if (source.agent === 'claude') {
    const lines = claudeOrdered(source);
    return collect('claude', lines, claudeParser, claudeEditContent, claudeCwd(lines), keepThinking);
  }
  return collect('codex', source.lines, codexParser, codexEditContent, undefined, keepThinking);
}

/** As the follower reads them: main lines, then each subagent's, each released once its parent is there. */
function claudeOrdered(source: SessionLines): string[] {
  const order = claudeLineOrder();
  const subs = source.subagents ?? [];
  for (const s of subs) if (s.agentId && s.toolUseId) order.link(s.agentId, s.toolUseId);
  const out = source.lines.flatMap((l) => order.push(l, 0));
  for (const s of subs) out.push(...s.lines.flatMap((l) => order.push(l, 0)));
  for (const id of new Set(order.awaiting())) out.push(...order.settle(id));
  return [...out, ...order.drain()];
}

function claudeCwd(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const cwd = line.includes('"cwd"') ? parseLineObject(line)?.cwd : undefined;
    if (typeof cwd === 'string') return cwd;
  }
  return undefined;
}

function collect<S extends ParseCounters & { sessionId?: string; cwd?: string }>(
  agent: ImportAgent, lines: readonly string[], parser: TranscriptParser<S>,
  edits: (value: Record<string, unknown>, state: S) => EditContent[], cwd: string | undefined, keepThinking: boolean,
): AgentSessionRead | null {
  const state = parser.init();
  const preamble: TimedEvent[] = [];
  const turns: Turn[] = [];
  let startedAt: number | undefined;
  let last = 0;
  let version: string | undefined;
  for (const line of lines) {
    const events = parser.parseLine(line, state);
    if (state.lineTime !== undefined) {
      startedAt ??= state.lineTime;
      last = Math.max(last, state.lineTime);
    }
    const at = last;
    const kept = parser.compact(line, { keepThinking, maxString: MAX_STRING });
    for (const event of [...events, ...(kept === null ? [] : [{ kind: 'transcript', line: kept } as AgentEvent])]) {
      if (event.kind === 'thinking' && !keepThinking) continue;
      // A turn is cut at its prompt; the start edge comes just before it and would trail the previous turn.
      if (event.kind === 'turn' && event.edge === 'start') continue;
      if (event.kind === 'session') version ??= event.version;
      if (event.kind === 'prompt') turns.push({ index: turns.length, prompt: event.text, events: [], edits: [] });
      const turn = turns.at(-1);
      if (turn) turn.events.push({ at, event });
      // Before the first prompt only what every turn inherits (session, model) is kept: start-up goes nowhere.
      else if (event.kind === 'session' || event.kind === 'model') preamble.push({ at, event });
    }
    const turn = turns.at(-1);
    if (turn && events.some((e) => e.kind === 'file_edit')) {
      const value = parseLineObject(line);
      for (const edit of value ? edits(value, state) : []) turn.edits.push({ at, edit });
    }
  }
  const id = state.sessionId;
  if (!id || startedAt === undefined) return null;
  // Lines before the first timed one happened at the start, not at the epoch.
  for (const t of turns) for (const x of [...t.events, ...t.edits]) x.at = Math.max(x.at, startedAt);
  const first = turns[0];
  if (first) first.events.splice(1, 0, ...preamble);
  return { agent, id, cwd: state.cwd ?? cwd ?? null, ...(version && { version }), startedAt, turns, problems: state.problems };
}
