/**
 * Pure: a recorded journal with its agent events taken out and put back from the saved transcript,
 * parsed by today's parser the way the follower does it: lines put in order by the agent's line
 * order (Claude: the parentUuid chain, subagent files linked to their Agent call), each read a poll
 * after it was written (never before the line read before it), stamped with `ago`, the prompt and
 * edit markers after their events. Lines written before the session started (a resumed session's
 * history) are skipped; the first one yields its session event, as the follower's `prime` line does.
 */
import { markerFor } from '../../src/agents/session.js';
import type { AgentEvent, LineOrder, ParseCounters, TranscriptParser } from '../../src/agents/types.js';
import { AisessCode, type JournalEvent } from '../../src/journal/events.js';

/** The follower's poll interval: how long after it is written a line is read, on average. */
const READ_LAG = 0.25;

export interface Subagent {
  lines: readonly string[];
  agentId?: string;
  toolUseId?: string;
}

export function rederive<S extends ParseCounters>(
  events: readonly JournalEvent[], startedAtMs: number, transcript: readonly string[], parser: TranscriptParser<S>,
  order?: LineOrder, subagents: readonly Subagent[] = [],
): { events: JournalEvent[]; state: S } {
  const lines = ordered(transcript, order, subagents);
  const base = events.filter((e) => e.code !== AisessCode.agent && !(e.code === 'm' && /^(prompt|edit): /.test(e.data)));
  const derived: JournalEvent[] = [];
  const state = parser.init();
  let read = 0;
  let lastTime: number | undefined;
  const skipped = parser.init();
  for (const [i, line] of lines.entries()) {
    // Only the first line of the history is read for the session id (the follower's `prime`).
    const history = timeOf(line) < startedAtMs;
    const before = state.problems;
    const parsed = parser.parseLine(line, history && i > 0 ? skipped : state);
    if (history) {
      for (const e of parsed) if (e.kind === 'session' && i === 0) derived.push(agentEvent(0, e));
      continue;
    }
    const at = state.lineTime ?? lastTime;
    lastTime = at;
    if (at !== undefined) read = Math.max(read, (at - startedAtMs) / 1000 + READ_LAG);
    const ago = at === undefined ? undefined : Math.max(0, Math.round(read * 1000 - (at - startedAtMs)) / 1000);
    const kept = state.problems > before ? null : parser.compact(line, { keepThinking: false, maxString: 4000 });
    for (const e of [...parsed, ...(kept === null ? [] : [{ kind: 'transcript', line: kept } as AgentEvent])]) {
      if (e.kind === 'thinking') continue;
      derived.push(agentEvent(read, e, ago));
      const label = markerFor(e);
      if (label) derived.push({ time: read, code: 'm', data: label });
    }
  }
  return { events: merge(base, derived), state };
}

/** The follower reads the main file and every subagent file each poll; the order holds what is early. */
function ordered(transcript: readonly string[], order: LineOrder | undefined, subagents: readonly Subagent[]): string[] {
  if (!order) return [...transcript];
  for (const s of subagents) if (s.agentId && s.toolUseId) order.link(s.agentId, s.toolUseId);
  const out = transcript.flatMap((l) => order.push(l, 0));
  for (const s of subagents) out.push(...s.lines.flatMap((l) => order.push(l, 0)));
  for (const id of new Set(order.awaiting())) out.push(...order.settle(id));
  return [...out, ...order.drain()];
}

/** A line's own `timestamp` (epoch ms), or +Infinity when it has none: such lines count as new. */
function timeOf(line: string): number {
  const m = /"timestamp":"([^"]+)"/.exec(line);
  const t = m ? Date.parse(m[1]!) : NaN;
  return Number.isNaN(t) ? Infinity : t;
}

function agentEvent(time: number, e: AgentEvent, ago?: number): JournalEvent {
  return { time, code: AisessCode.agent, data: JSON.stringify(ago === undefined ? e : { ...e, ago }) };
}

/** Stable merge by time; at equal times the recorded event comes first. */
function merge(a: readonly JournalEvent[], b: readonly JournalEvent[]): JournalEvent[] {
  const out: JournalEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.time <= b[j]!.time)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
