/**
 * Pure: a session's events in the order of its turns. The journal stamps an event when it arrives,
 * which for two sources is late: an agent event comes when the transcript tail reads its line (up
 * to a poll later: after the prompt's echo, often after the tool's output), a working-tree change
 * when the watcher's debounced scan reports it. Both say how long before their journal time they
 * happened (`ago`, seconds; src/agents/session.ts, src/run/live.ts), so:
 * - an agent event moves back to the time its transcript line gives (a prompt then cuts before
 *   its own echo; one whose agent draws it before writing it moves back to that echo, see
 *   prompt-echo.ts), but never before a change that does not say when it happened: the cut after
 *   such a change is final, so what an earlier bind saw before it is never re-split;
 * - a change stays where it arrived unless a prompt came after it happened: then it moves to just
 *   before that prompt, so it belongs to the turn during which it happened (the cut after it
 *   then closes that turn's last segment, rather than one of the next turn).
 * Output, resizes and commits never move. Times are left as journalled: the order is the point.
 */
import { AisessCode, type JournalEvent } from '../journal/events.js';
import { agentKind, eventAgo, worktreeData } from '../journal/event-data.js';
import { agentText } from './lead.js';
import { echoTime, promptHead } from './prompt-echo.js';

/** When the event happened by its source's own clock: its journal time less `ago`, never later. */
export function happenedAt(event: JournalEvent): number {
  const ago = eventAgo(event);
  return ago === undefined ? event.time : event.time - Math.max(0, ago);
}

/**
 * Two clocks read in two processes, each rounded to the millisecond: a change made right after a
 * prompt (an agent that writes at once) may look a little older than it. No change is made by the
 * previous turn this close to a prompt a person typed, so a change moves before a prompt only when
 * it happened clearly earlier.
 */
const SAME_MOMENT = 0.1;

export function turnOrder(events: readonly JournalEvent[]): JournalEvent[] {
  if (!events.some((e) => eventAgo(e) !== undefined)) return [...events];
  const keys = agentKeys(events);
  const prompts = events.flatMap((e, i) => (agentKind(e) === 'prompt' ? [keys[i]!] : [])).sort((a, b) => a - b);
  let lastChange = -Infinity;
  const moved = new Set<number>();
  events.forEach((e, i) => {
    if (e.code !== AisessCode.worktree) return;
    const next = eventAgo(e) === undefined ? undefined : prompts.find((p) => p > happenedAt(e) + SAME_MOMENT);
    const key = next !== undefined && next < e.time ? next : e.time;
    // Changes keep their own order: a path's later content must stay later.
    if (key > lastChange && key < e.time) moved.add(i);
    keys[i] = lastChange = Math.max(lastChange, key);
  });
  // A change moved back goes just before the prompt whose key it took.
  return events
    .map((event, i) => ({ event, i, key: keys[i]!, rank: moved.has(i) ? 0 : 1 }))
    .sort((a, b) => a.key - b.key || a.rank - b.rank || a.i - b.i)
    .map((x) => x.event);
}

/**
 * Keys of agent events: their transcript time, floored at the last change without one, and never
 * before an earlier agent event (the transcript's own order; two clocks read a millisecond apart
 * must not swap a tool call and its result). A line without a timestamp rides with the one before,
 * and a marker the adapter wrote with an event moves with it. Other events: their journal time.
 */
function agentKeys(events: readonly JournalEvent[]): number[] {
  let floor = -Infinity;
  let last = -Infinity;
  let lastPrompt = -Infinity;
  let marker = -Infinity;
  return events.map((e, i) => {
    // The start snapshot is no cut (it may be journalled after a quick agent's first lines happened).
    if (e.code === AisessCode.worktree && eventAgo(e) === undefined && !worktreeData(e)?.baseline) floor = e.time;
    if (e.code === 'm' && events[i - 1]?.code === AisessCode.agent && /^(prompt|edit): /.test(e.data)) return marker;
    if (e.code !== AisessCode.agent) return e.time;
    if (eventAgo(e) === undefined) return (marker = last === -Infinity ? e.time : Math.max(last, floor));
    last = Math.max(floor, last, happenedAt(e));
    marker = last;
    if (agentKind(e) !== 'prompt') return last;
    // The turn opens at the prompt's echo when the agent drew it first, even before agent events
    // the transcript wrote ahead of the prompt (Codex's turn start and context lines).
    const echo = echoTime(events, i, promptHead(agentText(e, 'text') ?? ''), Math.max(floor, lastPrompt), happenedAt(e));
    marker = lastPrompt = echo !== undefined ? Math.min(last, echo - BEFORE_ECHO) : last;
    return marker;
  });
}

/** A key this much before the echo's time sorts the prompt (and its cut) ahead of the echo. */
const BEFORE_ECHO = 0.0005;
