/** Decodes the `aisess.worktree` events of a journal, tolerating what a damaged journal may hold. */
import { AisessCode, type JournalEvent } from '../journal/events.js';
import type { PathChange } from './types.js';

export interface WorktreeData {
  changes: Omit<PathChange, 'key'>[];
  /** A snapshot of what was already dirty (taken at start), not a change made by the session. */
  baseline: boolean;
  /** With the baseline: the size of the worktree's HEAD reflog then (entries after it are the session's commits). */
  headLog?: number;
}

export function parseWorktreeData(data: string): WorktreeData {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { changes: [], baseline: false };
  }
  const obj = (value ?? {}) as { paths?: unknown; baseline?: unknown; initial?: unknown; headLog?: unknown };
  const paths = Array.isArray(obj.paths) ? obj.paths : [];
  const changes: WorktreeData['changes'] = [];
  for (const p of paths as { path?: unknown; blob?: unknown; status?: unknown; before?: unknown; mtime?: unknown }[]) {
    if (!p || typeof p.path !== 'string' || p.path === '') continue;
    const blob = blobOf(p.blob);
    const status = typeof p.status === 'string' ? p.status : blob === null ? 'deleted' : 'modified';
    changes.push({
      path: p.path,
      blob,
      status,
      ...('before' in p && { before: blobOf(p.before) }),
      ...(typeof p.mtime === 'number' && Number.isFinite(p.mtime) && { mtime: p.mtime }),
    });
  }
  const headLog = typeof obj.headLog === 'number' && obj.headLog >= 0 ? { headLog: obj.headLog } : {};
  return { changes, baseline: obj.baseline === true || obj.initial === true, ...headLog };
}

const blobOf = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

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
    const data = parseWorktreeData(event.data);
    if (data.baseline) {
      for (const c of data.changes) baseline.set(c.path, c.blob), last.set(c.path, c.blob);
      headLog ??= data.headLog;
      return;
    }
    const changes = data.changes.map((c): PathChange => {
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
