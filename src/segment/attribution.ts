/**
 * Pure: which working-tree changes a session made (credit by evidence). Another session, the user's
 * editor or a `git pull` in another terminal change the same working tree, and the watcher sees it
 * all. In a session whose agent transcript is followed, a change is the agent's when:
 * - a tool call that edits files (Write, Edit, apply_patch…) named that path and ran when the file
 *   was written, or the agent reported editing it (`file_edit`) just after; or
 * - a shell tool call was running when the file was written (its last writes may be seen late).
 * When the file was written is its mtime (the watcher records it); a deletion has none, so the time
 * the watcher noticed it stands in, with more slack. Anything else is a hand edit and is not
 * credited. A live session's change that happened after the transcript is surely read, during a
 * turn, is credited provisionally: its tool call may still be on its way. Sessions without agent
 * events (any terminal program) have only the terminal as evidence: every change is theirs.
 */
import { agentData } from '../journal/event-data.js';
import { AisessCode, type JournalEvent } from '../journal/events.js';
import { happenedAt, turnOrder } from './order.js';
import type { PathChange } from './types.js';

export interface CreditOptions {
  /** Session start, epoch ms: converts mtimes to session time. */
  startedAtMs: number;
  /**
   * Session time up to which the transcript is surely journalled (a live session's binder passes its
   * clock less a poll and a journal flush; a finished session's follower drained it all: Infinity).
   */
  transcriptReadTo?: number;
}

interface Facts {
  kind?: unknown;
  id?: unknown;
  name?: unknown;
  path?: unknown;
  args?: Record<string, unknown>;
  edge?: unknown;
}

interface Span {
  start: number;
  end: number;
  /** Paths the call named (edit tools); empty for shell calls. */
  paths: string[];
  shell: boolean;
}

/** A tool call may start a moment before its line's timestamp says (clocks, rounding, writers that log late). */
const LEAD = 1;
/** After a call's result: an mtime is exact, the watcher's own time lags by its debounce and poll. */
const TRAIL_MTIME = 1;
const TRAIL_SEEN = 3;
/** How long before an edit report (which comes with the tool's result) the write may have happened. */
const EDIT_REPORT_LEAD = 5;

const SHELL_TOOL = /^(bash|shell|exec_command|local_shell|unified_exec|container\.exec)$/i;
const EDIT_TOOL = /^(write|edit|multiedit|notebookedit|apply_patch)$/i;

/** Keys of the changes this session can claim. */
export function creditChanges(events: readonly JournalEvent[], changes: ReadonlyMap<number, PathChange[]>, opts: CreditOptions): Set<string> {
  const all = new Set([...changes.values()].flatMap((cs) => cs.map((c) => c.key)));
  const agent = agentFacts(events);
  if (!agent.some((a) => a.facts.kind === 'session')) return all;
  const spans = toolSpans(agent);
  const edits = agent.flatMap((a) => (a.facts.kind === 'file_edit' && typeof a.facts.path === 'string' ? [{ at: a.at, path: a.facts.path }] : []));
  const readTo = opts.transcriptReadTo ?? Infinity;
  const credited = new Set<string>();
  for (const [ordinal, list] of changes) {
    const seenAt = happenedAt(events[ordinal]!);
    for (const c of list) {
      const written = c.mtime !== undefined ? (c.mtime - opts.startedAtMs) / 1000 : undefined;
      const t = written ?? seenAt;
      const trail = written !== undefined ? TRAIL_MTIME : TRAIL_SEEN;
      const within = (s: { start: number; end: number }) => t >= s.start - LEAD && t <= s.end + trail;
      const byTool = spans.some((s) => within(s) && (s.shell || s.paths.some((p) => samePath(p, c.path))));
      const reported = edits.some((e) => samePath(e.path, c.path) && within({ start: e.at - EDIT_REPORT_LEAD, end: e.at }));
      const behind = seenAt > readTo && inTurn(agent, seenAt);
      if (byTool || reported || behind) credited.add(c.key);
    }
  }
  return credited;
}

interface AgentAt {
  at: number;
  facts: Facts;
}

function agentFacts(events: readonly JournalEvent[]): AgentAt[] {
  const out: AgentAt[] = [];
  for (const e of turnOrder(events)) {
    if (e.code !== AisessCode.agent) continue;
    const facts = agentData(e) as Facts | null;
    if (facts) out.push({ at: happenedAt(e), facts });
  }
  return out;
}

/**
 * Tool calls from call to result. A call without a result is open until the next prompt (the agent
 * was stopped) or for good (it still runs). Edit reports and result paths name the call's files.
 */
function toolSpans(agent: readonly AgentAt[]): Span[] {
  const spans: Span[] = [];
  const open = new Map<unknown, Span>();
  let last: Span | undefined;
  for (const { at, facts } of agent) {
    if (facts.kind === 'prompt') {
      for (const s of open.values()) s.end = Math.min(s.end, at);
      open.clear();
    } else if (facts.kind === 'tool_call') {
      const span = callSpan(at, facts);
      if (!span) continue;
      spans.push(span);
      if (facts.id !== undefined) open.set(facts.id, span);
    } else if (facts.kind === 'tool_result') {
      last = facts.id !== undefined ? open.get(facts.id) : undefined;
      if (!last) continue;
      last.end = at;
      if (typeof facts.path === 'string') last.paths.push(facts.path);
      open.delete(facts.id);
    } else if (facts.kind === 'file_edit' && last && last.end === at && typeof facts.path === 'string') {
      last.paths.push(facts.path);
    } else if (facts.kind === 'command' && !(last && last.end === at)) {
      // Reported with its result only (no call of its own): it ran up to that moment.
      spans.push({ start: at - EDIT_REPORT_LEAD, end: at, paths: [], shell: true });
    }
  }
  return spans;
}

function callSpan(at: number, facts: Facts): Span | null {
  const name = typeof facts.name === 'string' ? facts.name : '';
  const args = facts.args ?? {};
  const shell = SHELL_TOOL.test(name) || typeof args.command === 'string' || typeof args.cmd === 'string';
  const paths = [args.file_path, args.notebook_path, args.path].filter((p): p is string => typeof p === 'string' && p !== '');
  if (!shell && !EDIT_TOOL.test(name) && paths.length === 0) return null;
  return { start: at, end: Infinity, paths: shell ? [] : paths.flatMap((p) => p.split(' ')), shell };
}

/** Whether the agent was in a turn at `at`: no turn had ended since the last prompt before it. */
function inTurn(agent: readonly AgentAt[], at: number): boolean {
  let open = false;
  for (const a of agent) {
    if (a.at > at) continue;
    if (a.facts.kind === 'prompt') open = true;
    if (a.facts.kind === 'turn' && a.facts.edge === 'end') open = false;
  }
  return open;
}

/** Agents report absolute paths or paths relative to their cwd; the watcher, relative to the top level. */
export function samePath(agentPath: string, treePath: string): boolean {
  return agentPath === treePath || agentPath.endsWith(`/${treePath}`) || treePath.endsWith(`/${agentPath.replace(/^\.\//, '')}`);
}
