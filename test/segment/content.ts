/**
 * Content-level test vocabulary: a blob id IS its text (or `bin:<name>` for content without
 * lines), so tables read as what the files hold. `change` journals a working-tree change with
 * what the path held before; `contents` is the LineSource the rules read lines from.
 */
import type { JournalEvent } from '../../src/journal/events.js';
import type { LineSource } from '../../src/segment/change-lines.js';
import { LineTable, splitLines } from '../../src/segment/line-diff.js';

export function contents(): LineSource {
  const table = new LineTable();
  const cache = new Map<string, Int32Array>();
  return {
    lines(blob) {
      if (blob.startsWith('bin:')) return undefined;
      let l = cache.get(blob);
      if (!l) cache.set(blob, (l = table.intern(splitLines(blob))));
      return l;
    },
  };
}

/** Lines → file text: `text('a', 'b')` is "a\nb\n". */
export const text = (...lines: string[]): string => lines.map((l) => `${l}\n`).join('');

export type Change = [path: string, before: string | null, after: string | null];

export const change = (...changes: Change[]) => (time: number): JournalEvent => ({
  time,
  code: 'aisess.worktree',
  data: JSON.stringify({ paths: changes.map(([path, before, blob]) => ({ path, blob, before, status: blob === null ? 'deleted' : 'modified' })) }),
});

export const baseline = (...paths: [path: string, blob: string | null][]) => (time: number): JournalEvent => ({
  time,
  code: 'aisess.worktree',
  data: JSON.stringify({ baseline: true, paths: paths.map(([path, blob]) => ({ path, blob, status: 'modified' })) }),
});

export const agentEvent = (value: Record<string, unknown>) => (time: number): JournalEvent => ({ time, code: 'aisess.agent', data: JSON.stringify(value) });
export const prompt = (t: string) => agentEvent({ kind: 'prompt', text: t });
export const answer = (t: string) => agentEvent({ kind: 'answer', text: t });
