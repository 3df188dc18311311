/**
 * Pure: does one commit's change of a file stand whole in another commit's change of the same file?
 * `aisess rebind` asks it of a record's old commit and a commit that may have replaced it (a squash
 * of several commits, a rebased copy that picked up other edits). A wrong note is worse than none,
 * so every line the old change added must be a line the new change adds, and every line it removed
 * must be gone in the new one: one missing hunk and the answer is no.
 */
import { align, LineTable, splitLines } from '../segment/line-diff.js';

/** A file's text before and after a commit; null where the file is absent. */
export interface FileChange {
  before: string | null;
  after: string | null;
}

export type Containment = { contained: true } | { contained: false; missing: 'added' | 'removed' | 'deleted'; line: string };

export function changeContained(old: FileChange, squash: FileChange): Containment {
  // A file the old commit deleted must be deleted by the new one too (an empty file is not a deleted one).
  if (old.after === null && old.before !== null && squash.after !== null) return { contained: false, missing: 'deleted', line: '' };
  const table = new LineTable();
  const o = lineChanges(table, old);
  const s = lineChanges(table, squash);
  for (const [line, n] of o.added) {
    if ((s.added.get(line) ?? 0) < n) return { contained: false, missing: 'added', line: o.text.get(line)! };
  }
  for (const [line, n] of o.removed) {
    if ((s.removed.get(line) ?? 0) >= n) continue;
    // A line the old commit removed that the new commit's parent never had: an earlier commit of the
    // same squash added it and the old commit took it out again. It is gone if the result holds no
    // more copies of it than the old commit left.
    if ((s.beforeCount.get(line) ?? 0) === 0 && (s.afterCount.get(line) ?? 0) <= (o.afterCount.get(line) ?? 0)) continue;
    return { contained: false, missing: 'removed', line: o.text.get(line)! };
  }
  return { contained: true };
}

interface LineChanges {
  added: Map<number, number>;
  removed: Map<number, number>;
  beforeCount: Map<number, number>;
  afterCount: Map<number, number>;
  text: Map<number, string>;
}

/** The lines a change added and removed, as counts per distinct line (Myers alignment, as git's). */
function lineChanges(table: LineTable, change: FileChange): LineChanges {
  const beforeLines = splitLines(change.before ?? '');
  const afterLines = splitLines(change.after ?? '');
  const a = table.intern(beforeLines);
  const b = table.intern(afterLines);
  const { keptOld, keptNew } = align(a, b);
  const out: LineChanges = { added: new Map(), removed: new Map(), beforeCount: new Map(), afterCount: new Map(), text: new Map() };
  a.forEach((id, i) => {
    bump(out.beforeCount, id);
    out.text.set(id, beforeLines[i]!);
    if (!keptOld[i]) bump(out.removed, id);
  });
  b.forEach((id, i) => {
    bump(out.afterCount, id);
    out.text.set(id, afterLines[i]!);
    if (!keptNew[i]) bump(out.added, id);
  });
  return out;
}

function bump(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
