import { FANOUT_AT } from './fanout.js';
import type { NotePath } from './note-index.js';

/** A note to set on an object (a blob id, or the mark of one being written) or the note removed. */
export type NoteChange = { object: string; blob: string } | { object: string; remove: true };

/** A change to a notes tree at an explicit path: a blob there, or nothing there. */
export type PathChange = { path: string; blob: string } | { path: string; remove: true };

/**
 * Pure: where each note change goes in the tree `ours` lists, as path changes against that tree.
 * An object ours notes keeps its path (its other paths, left by a merge of differently fanned
 * trees, are removed: the change was merged from all of them), so no object ends up at two
 * depths. A new note goes down the fanout directories ours has for its id, into a new one where
 * that level is fanned out; a level that gets new notes and then holds more than fanoutAt is split
 * into `xx/` directories, as src/notes/fanout.ts does for one note. Git reads every depth.
 */
export function layoutChanges(ours: readonly NotePath[], changes: readonly NoteChange[], fanoutAt = FANOUT_AT): PathChange[] {
  const tree = new Dirs(ours);
  const out = new Map<string, PathChange>();
  const grown = new Set<string>();
  const remove = (path: string) => {
    out.set(path, { path, remove: true });
    tree.count(dirOf(path), -1);
  };
  for (const c of changes) {
    const paths = tree.pathsOf(c.object);
    const keep = paths[0];
    for (let i = 1; i < paths.length; i++) remove(paths[i]!);
    if ('remove' in c) {
      if (keep !== undefined) remove(keep);
      continue;
    }
    let path = keep;
    if (path === undefined) {
      path = tree.place(c.object);
      grown.add(dirOf(path));
    }
    out.set(path, { path, blob: c.blob });
  }
  for (const dir of grown) split(dir, ours, out, tree, fanoutAt);
  return [...out.values()];
}

/** Moves a directory's notes into `xx/` subdirectories (and theirs, again) when it holds more than fanoutAt and none yet. */
function split(dir: string, ours: readonly NotePath[], out: Map<string, PathChange>, tree: Dirs, fanoutAt: number): void {
  if (tree.notesIn(dir) <= fanoutAt || tree.isFanned(dir)) return;
  // Rare (once, when a tree outgrows flat): a scan of ours finds what stays in the directory.
  const here = new Map<string, PathChange>(ours.filter((n) => dirOf(n.path) === dir).map((n) => [n.path, { path: n.path, blob: n.blob }]));
  const inOurs = new Set(here.keys());
  for (const [path, c] of out) if (dirOf(path) === dir) here.set(path, c);
  const subs = new Set<string>();
  for (const [path, c] of here) {
    if ('remove' in c) continue;
    if (inOurs.has(path)) out.set(path, { path, remove: true });
    else out.delete(path);
    tree.count(dir, -1);
    const name = path.slice(dir.length);
    const moved = `${dir}${name.slice(0, 2)}/${name.slice(2)}`;
    out.set(moved, { ...c, path: moved });
    tree.count(dirOf(moved), 1);
    subs.add(dirOf(moved));
  }
  for (const sub of subs) split(sub, ours, out, tree, fanoutAt);
}

/** The directories of a notes tree being planned: which exist, which are fanned out, how many notes each holds. */
class Dirs {
  private readonly paths = new Map<string, string[]>();
  private readonly notes = new Map<string, number>();
  private readonly dirs = new Set<string>(['']);
  private readonly fanned = new Set<string>();

  constructor(ours: readonly NotePath[]) {
    for (const n of ours) {
      const list = this.paths.get(n.object);
      if (list) list.push(n.path);
      else this.paths.set(n.object, [n.path]);
      this.count(dirOf(n.path), 1);
    }
  }

  /** Where ours has object's note (usually one path, none for a new note). */
  pathsOf(object: string): string[] {
    return this.paths.get(object) ?? [];
  }

  /** The path for a note of an object ours does not note. */
  place(object: string): string {
    let dir = '';
    let consumed = 0;
    for (;;) {
      const sub = `${dir}${object.slice(consumed, consumed + 2)}/`;
      const descend = this.dirs.has(sub);
      if (descend || this.fanned.has(dir)) {
        dir = sub;
        consumed += 2;
      }
      if (!descend) break;
    }
    this.count(dir, 1);
    return dir + object.slice(consumed);
  }

  count(dir: string, by: number): void {
    this.notes.set(dir, (this.notes.get(dir) ?? 0) + by);
    this.add(dir);
  }

  notesIn(dir: string): number {
    return this.notes.get(dir) ?? 0;
  }

  isFanned(dir: string): boolean {
    return this.fanned.has(dir);
  }

  private add(dir: string): void {
    if (this.dirs.has(dir)) return;
    this.dirs.add(dir);
    const parent = dirOf(dir.slice(0, -1));
    // Only `xx/` directories fan notes out (git reads no other); a stray one is left alone.
    if (/^[0-9a-f]{2}\/$/.test(dir.slice(parent.length))) this.fanned.add(parent);
    this.add(parent);
  }
}

/** The directory part of a path, with its trailing slash ('' at the root). */
function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}
