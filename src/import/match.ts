/**
 * Pure: whether a commit holds an edit an agent made, by content. A wrong note is worse than none,
 * so a commit holds an edit only when its own diff of that path has every line the edit added (as
 * many times), and when those say nothing alone (blank lines, lone braces: any commit may add them)
 * or there are none, every line it removed; or when the commit's file is exactly what a whole-file
 * write wrote. Text an Edit inserted must also be in the file.
 */

/** What a commit did to one path. */
export interface PathDiff {
  /** The blob in the commit; null when the commit deleted the path. */
  blob: string | null;
  /** The file's text in the commit; null when deleted, binary or too big. */
  text: string | null;
  /** Lines the commit's diff against its first parent adds and removes. */
  added: readonly string[];
  removed: readonly string[];
  deleted: boolean;
}

/** An edit as a commit must show it: lines a later edit of the session undid are left out. */
export interface RequiredEdit {
  change: 'created' | 'edited' | 'deleted';
  added: readonly string[];
  removed: readonly string[];
  /** The whole file the edit wrote: a commit whose file is exactly this holds it. */
  content?: string;
  /** Texts that must be in the commit's file (only for a path's last edit: a later one may change them). */
  inserted?: readonly string[];
}

/** A line that could come from anywhere: no letter or digit in it. */
export function isTrivial(line: string): boolean {
  return !/[\p{L}\p{N}]/u.test(line);
}

export function holdsEdit(edit: RequiredEdit, diff: PathDiff): boolean {
  if (edit.change === 'deleted') return diff.deleted;
  if (diff.deleted) return false;
  if (edit.content !== undefined && diff.text !== null && diff.text === edit.content) return true;
  if (!containsAll(diff.added, edit.added)) return false;
  // The lines that prove it: what it added, or, when that says nothing alone, what it removed (then all of it).
  const proof = edit.added.some((l) => !isTrivial(l)) || (edit.removed.some((l) => !isTrivial(l)) && containsAll(diff.removed, edit.removed));
  return proof && (edit.inserted ?? []).every((t) => diff.text !== null && diff.text.includes(t));
}

/** Every line of `want` is in `have`, as many times as `want` has it. */
export function containsAll(have: readonly string[], want: readonly string[]): boolean {
  const count = new Map<string, number>();
  for (const l of have) count.set(l, (count.get(l) ?? 0) + 1);
  for (const l of want) {
    const n = count.get(l) ?? 0;
    if (n === 0) return false;
    count.set(l, n - 1);
  }
  return true;
}
