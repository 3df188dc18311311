/**
 * Pure: which working-tree changes an agent session made. Two sessions in one working tree both
 * see every change there; a session whose agent transcript is followed keeps a changed path only
 * when its agent wrote that path (a `file_edit` anywhere in the session: the watcher often sees a
 * change before the transcript reports it) or ran a shell command that could have: one that ran
 * at some point since the previous change (started at or before this change happened, and not
 * finished before the previous one did: its last writes may reach the watcher after its result).
 * Times are when things happened (src/segment/order.ts), not when the journal received them: the
 * transcript tail and the watcher are read independently, so a command's tool call may arrive
 * after the change it made. Sessions without agent events keep every change: the terminal is
 * their only evidence.
 */
import { parseObject } from '../agents/compact.js';
import { AisessCode, type JournalEvent } from '../journal/events.js';
import { happenedAt, turnOrder } from './order.js';

interface AgentFacts {
  kind?: unknown;
  id?: unknown;
  path?: unknown;
  args?: { command?: unknown };
  edge?: unknown;
}

export interface AttributionOptions {
  /**
   * Session time up to which the transcript is surely journalled (a live session's binder passes
   * its clock less a poll and a journal flush; a finished session's follower drained it all:
   * Infinity). A change that happened later, while the agent was in a turn, is kept whole: its
   * tool call may still be on its way, and losing a binding is worse than a generous one.
   */
  transcriptReadTo?: number;
}

/** A shell command's span: from its tool call to its result (open while it runs). */
interface Span {
  start: number;
  end: number;
}

/** The events in journal order (the segmenter puts them in turn order), with only our changes. */
export function attributeChanges(events: readonly JournalEvent[], opts: AttributionOptions = {}): JournalEvent[] {
  const ordered = turnOrder(events);
  const agent = ordered.filter((e) => e.code === AisessCode.agent).map((e) => ({ at: happenedAt(e), facts: parseObject(e.data) as AgentFacts | null }));
  if (!agent.some((a) => a.facts?.kind === 'session')) return [...events];
  const edited = agent.flatMap((a) => (a.facts?.kind === 'file_edit' && typeof a.facts.path === 'string' ? [a.facts.path] : []));
  const spans = shellSpans(agent);
  const readTo = opts.transcriptReadTo ?? Infinity;
  const decided = new Map<JournalEvent, JournalEvent | null>();
  let previous = -Infinity;
  for (const e of ordered) {
    if (e.code !== AisessCode.worktree || isBaseline(e)) continue;
    const at = happenedAt(e);
    const shell = spans.some((s) => s.start <= at && s.end >= previous);
    const behind = at > readTo && inTurn(agent, at);
    decided.set(e, keepOwn(e, edited, shell || behind));
    previous = at;
  }
  return events.flatMap((e) => {
    const kept = decided.has(e) ? decided.get(e) : e;
    return kept ? [kept] : [];
  });
}

function shellSpans(agent: readonly { at: number; facts: AgentFacts | null }[]): Span[] {
  const spans: Span[] = [];
  const running = new Map<unknown, Span>();
  for (const { at, facts } of agent) {
    if (facts?.kind === 'tool_call' && typeof facts.args?.command === 'string') {
      const span = { start: at, end: Infinity };
      spans.push(span);
      if (facts.id !== undefined) running.set(facts.id, span);
    } else if (facts?.kind === 'tool_result' && running.has(facts.id)) {
      running.get(facts.id)!.end = at;
      running.delete(facts.id);
    } else if (facts?.kind === 'command') {
      // Reported with its result; a command without a tool call of its own spans that moment.
      spans.push({ start: at, end: at });
    }
  }
  return spans;
}

/** Whether the agent was in a turn at `at`: no turn had ended since the last prompt before it. */
function inTurn(agent: readonly { at: number; facts: AgentFacts | null }[], at: number): boolean {
  let open = false;
  for (const a of agent) {
    if (a.at > at) continue;
    if (a.facts?.kind === 'prompt') open = true;
    if (a.facts?.kind === 'turn' && a.facts.edge === 'end') open = false;
  }
  return open;
}

/** The event with only the paths this session can claim; null when none is left. */
function keepOwn(e: JournalEvent, edited: readonly string[], anyPath: boolean): JournalEvent | null {
  const data = parseObject(e.data) as { baseline?: unknown; paths?: unknown } | null;
  if (anyPath || !data || data.baseline === true || !Array.isArray(data.paths)) return e;
  const paths = data.paths.filter((p: { path?: unknown } | null) => typeof p?.path === 'string' && edited.some((x) => samePath(x, p.path as string)));
  if (paths.length === data.paths.length) return e;
  return paths.length ? { ...e, data: JSON.stringify({ ...data, paths }) } : null;
}

/** Agents report absolute paths or paths relative to their cwd; the watcher, relative to the top level. */
export function samePath(agentPath: string, treePath: string): boolean {
  return agentPath === treePath || agentPath.endsWith(`/${treePath}`) || treePath.endsWith(`/${agentPath.replace(/^\.\//, '')}`);
}

function isBaseline(e: JournalEvent): boolean {
  return (parseObject(e.data) as { baseline?: unknown } | null)?.baseline === true;
}
