import type { MkTreeEntry } from '../git/mktree.js';

/**
 * Pure planning of a notes-tree change. git stores the note for object `abcdef…` either flat
 * (`abcdef…`) or fanned out (`ab/cdef…`, `ab/cd/ef…`), and fans out by itself past ~100 notes
 * (notes.c determine_fanout); readers must accept every depth, and may meet the same object at
 * two depths after a merge of differently fanned trees (git concatenates them).
 */
export type TreeEntry = MkTreeEntry;

/** One tree on the path from the notes root towards an object's note. */
export interface Level {
  /** Hex digits of the object id consumed by the directories above (0 at the root). */
  consumed: number;
  entries: TreeEntry[];
}

/** A tree to write: existing entries, plus child trees still to be written. */
export interface TreeSpec {
  entries: (TreeEntry | { name: string; spec: TreeSpec })[];
}

/** A level with more flat notes than this is split into `xx/` subtrees, so no tree grows without bound. */
export const FANOUT_AT = 256;

export function isFanoutDir(e: TreeEntry): boolean {
  return e.type === 'tree' && /^[0-9a-f]{2}$/.test(e.name);
}

/** The note blobs for objectId found along the levels (usually one; two after odd merges). */
export function notesOnPath(levels: readonly Level[], objectId: string): string[] {
  return levels.flatMap((l) => l.entries.filter((e) => isNoteOf(e, l.consumed, objectId)).map((e) => e.oid));
}

/** Plans the tree after setting (blob) or removing (null) objectId's note; null means an empty root. */
export function planNoteTree(levels: readonly Level[], objectId: string, blob: string | null, fanoutAt = FANOUT_AT): TreeSpec | null {
  let child: TreeSpec | null = null;
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i]!;
    const entries: TreeSpec['entries'] = level.entries.filter((e) => !isNoteOf(e, level.consumed, objectId));
    if (i === levels.length - 1) {
      child = blob === null ? specOrNull(entries) : placeNote(level.consumed, entries, objectId, blob, fanoutAt);
      continue;
    }
    const dirName = objectId.slice(level.consumed, level.consumed + 2);
    const at = entries.findIndex((e) => e.name === dirName);
    if (child) entries.splice(at, 1, { name: dirName, spec: child });
    else entries.splice(at, 1);
    child = specOrNull(entries);
  }
  return child ?? (blob === null ? null : placeNote(0, [], objectId, blob, fanoutAt));
}

function placeNote(consumed: number, entries: TreeSpec['entries'], objectId: string, blob: string, fanoutAt: number): TreeSpec {
  const note: TreeEntry = { mode: '100644', type: 'blob', oid: blob, name: objectId.slice(consumed) };
  if (entries.some((e) => 'oid' in e && isFanoutDir(e))) {
    // This level is already fanned out and has no directory for our prefix yet: start one.
    const sub = { name: objectId.slice(consumed, consumed + 2), spec: { entries: [{ ...note, name: objectId.slice(consumed + 2) }] } };
    return { entries: [...entries, sub] };
  }
  const flat = [...entries, note];
  const noteCount = flat.filter((e) => 'oid' in e && e.type === 'blob' && isHexName(e.name, objectId.length - consumed)).length;
  return noteCount > fanoutAt ? splitLevel(flat, objectId.length - consumed) : { entries: flat };
}

/** Moves every flat note of a level into `xx/` subtrees; other entries stay where they are. */
function splitLevel(entries: TreeSpec['entries'], nameLength: number): TreeSpec {
  const keep: TreeSpec['entries'] = [];
  const groups = new Map<string, TreeEntry[]>();
  for (const e of entries) {
    if ('oid' in e && e.type === 'blob' && isHexName(e.name, nameLength)) {
      const key = e.name.slice(0, 2);
      groups.set(key, [...(groups.get(key) ?? []), { ...e, name: e.name.slice(2) }]);
    } else keep.push(e);
  }
  for (const [name, group] of groups) keep.push({ name, spec: { entries: group } });
  return { entries: keep };
}

function isNoteOf(e: TreeSpec['entries'][number], consumed: number, objectId: string): boolean {
  return 'oid' in e && e.type === 'blob' && e.name === objectId.slice(consumed);
}

function isHexName(name: string, length: number): boolean {
  return name.length === length && /^[0-9a-f]+$/.test(name);
}

function specOrNull(entries: TreeSpec['entries']): TreeSpec | null {
  return entries.length === 0 ? null : { entries };
}
