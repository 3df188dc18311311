/**
 * Pure: a session's events → segments. A segment carries its slice of the stream, the paths it
 * changed (the last state of each) and its times. A baseline snapshot (what was dirty at start)
 * is not a change of the session; the binding rules use it to tell a revert from a change.
 */
import { AisessCode, type JournalEvent } from '../journal/events.js';
import { defaultCut, type CutRule } from './cut.js';
import type { PathChange, Segment } from './types.js';
import { parseWorktreeData } from './worktree-data.js';

export function segmentSession(events: readonly JournalEvent[], cut: CutRule = defaultCut): Segment[] {
  const segments: Segment[] = [];
  let current: JournalEvent[] = [];
  let changes = new Map<string, PathChange>();
  let firstChangeAt: number | null = null;

  const close = (): void => {
    if (current.length === 0) return;
    segments.push({
      index: segments.length,
      start: current[0]!.time,
      end: current.at(-1)!.time,
      firstChangeAt,
      events: current,
      changes: [...changes.values()],
    });
    current = [];
    changes = new Map();
    firstChangeAt = null;
  };

  for (const event of events) {
    const rule = cut(event);
    if (rule === 'before') close();
    current.push(event);
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
