/** Decodes the `aisess.worktree` events of a journal, tolerating what a damaged journal may hold. */
import { worktreeData } from '../journal/event-data.js';
import { AisessCode, type JournalEvent } from '../journal/events.js';
import type { PathChange } from './types.js';

export interface JournalChanges {
  /** The changes of each non-baseline worktree event, by journal ordinal. */
  byOrdinal: Map<number, PathChange[]>;
  /** What each path held when the session started, for paths already dirty then. */
  baseline: Map<string, string | null>;
  /** The size of the worktree's HEAD reflog when the session started, when the journal says. */
  headLog?: number;
}

/**
 * Every change of the journal with its stable key. A change whose event does not say what the path
 * held before (journals of earlier versions) takes the content the journal last gave the path.
 */
export function journalChanges(events: readonly JournalEvent[]): JournalChanges {
  const byOrdinal = new Map<number, PathChange[]>();
  const baseline = new Map<string, string | null>();
  let headLog: number | undefined;
  const last = new Map<string, string | null>();
  events.forEach((event, ordinal) => {
    if (event.code !== AisessCode.worktree) return;
    const data = worktreeData(event);
    if (!data) return;
    if (data.baseline) {
      for (const c of data.paths) baseline.set(c.path, c.blob), last.set(c.path, c.blob);
      headLog ??= data.headLog;
      return;
    }
    const changes = data.paths.map((c): PathChange => {
      const before = 'before' in c ? c.before : last.has(c.path) ? last.get(c.path) : undefined;
      last.set(c.path, c.blob);
      return { ...c, key: changeKey(ordinal, c.path), ...(before !== undefined && { before }) };
    });
    if (changes.length) byOrdinal.set(ordinal, changes);
  });
  return { byOrdinal, baseline, ...(headLog !== undefined && { headLog }) };
}

export function changeKey(ordinal: number, path: string): string {
  return `${ordinal}:${path}`;
}
