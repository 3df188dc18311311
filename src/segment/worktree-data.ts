/** Decodes the data of an `aisess.worktree` event, tolerating what a damaged journal may hold. */
import type { PathChange } from './types.js';

export interface WorktreeData {
  changes: PathChange[];
  /** A snapshot of what was already dirty (taken at start), not a change made by the session. */
  baseline: boolean;
}

export function parseWorktreeData(data: string): WorktreeData {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { changes: [], baseline: false };
  }
  const obj = (value ?? {}) as { paths?: unknown; baseline?: unknown; initial?: unknown };
  const paths = Array.isArray(obj.paths) ? obj.paths : [];
  const changes: PathChange[] = [];
  for (const p of paths as { path?: unknown; blob?: unknown; status?: unknown }[]) {
    if (!p || typeof p.path !== 'string' || p.path === '') continue;
    const blob = typeof p.blob === 'string' && p.blob !== '' ? p.blob : null;
    const status = typeof p.status === 'string' ? p.status : blob === null ? 'deleted' : 'modified';
    changes.push({ path: p.path, blob, status });
  }
  return { changes, baseline: obj.baseline === true || obj.initial === true };
}
