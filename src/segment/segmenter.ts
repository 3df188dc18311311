/**
 * Pure: a session's events → segments. A segment carries its slice of the stream, the paths it
 * changed (the last state of each) and its times. A baseline snapshot (what was dirty at start)
 * is not a change of the session; the binding rules use it to tell a revert from a change.
 * Events are cut in turn order (src/segment/order.ts): a prompt read late from the transcript
 * still opens its turn before the turn's echo and output.
 */
import { AisessCode, type JournalEvent } from '../journal/events.js';
import { defaultCut, type CutRule } from './cut.js';
import { agentKind } from './lead.js';
import { turnOrder } from './order.js';
import type { PathChange, Segment } from './types.js';
import { parseWorktreeData } from './worktree-data.js';

export function segmentSession(events: readonly JournalEvent[], cut: CutRule = defaultCut): Segment[] {
  const segments: Segment[] = [];
  let current: JournalEvent[] = [];
  let changes = new Map<string, PathChange>();
  let firstChangeAt: number | null = null;

  const close = (): void => {
    if (current.length === 0) return;
    // Events moved into turn order keep their journal times: the span is their extent.
    segments.push({
      index: segments.length,
      start: current.reduce((t, e) => Math.min(t, e.time), Infinity),
      end: current.reduce((t, e) => Math.max(t, e.time), -Infinity),
      firstChangeAt,
      events: current,
      changes: [...changes.values()],
    });
    current = [];
    changes = new Map();
    firstChangeAt = null;
  };

  for (const event of turnOrder(events)) {
    const rule = cut(event);
    if (rule === 'before') {
      // A turn starts where the previous one's work ended: what follows (the user typing the
      // prompt, its echo) is this turn's, even when the prompt is read from the transcript later.
      const lead = agentKind(event) === 'prompt' ? current.splice(afterLastWork(current)) : [];
      close();
      current = [event, ...lead];
    } else {
      current.push(event);
    }
    if (event.code === AisessCode.worktree) {
      const data = parseWorktreeData(event.data);
      if (!data.baseline) {
        for (const c of data.changes) changes.set(c.path, c);
        if (data.changes.length > 0) firstChangeAt ??= event.time;
      }
    }
    if (rule === 'after') close();
  }
  close();
  return segments;
}

/** Agent event kinds that are no work of a turn: its edges, the session's id, the raw transcript lines. */
const NOT_WORK = new Set(['turn', 'session', 'transcript']);

function afterLastWork(events: readonly JournalEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const kind = agentKind(events[i]!);
    if (kind !== null && !NOT_WORK.has(kind)) return i + 1;
  }
  return 0;
}

/** The blob a path had when the session started, when the journal recorded a baseline for it. */
export function baselineOf(events: readonly JournalEvent[]): Map<string, string | null> {
  const baseline = new Map<string, string | null>();
  for (const event of events) {
    if (event.code !== AisessCode.worktree) continue;
    const data = parseWorktreeData(event.data);
    if (data.baseline) for (const c of data.changes) baseline.set(c.path, c.blob);
  }
  return baseline;
}
