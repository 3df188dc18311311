import { isObjectId } from '../git/object-id.js';
import type { GitRunner } from '../git/runner.js';

/** A note where a notes tree holds it: its path (fanout slashes included), object and blob. */
export interface NotePath {
  path: string;
  object: string;
  blob: string;
}

/**
 * Every noted object of a notes tree and its note blob(s), from one `git ls-tree -r`: flat and
 * fanned-out layouts alike (the path minus slashes is the object id). Cheaper than walking the
 * tree when most notes are wanted (10k notes: one process and a map).
 */
export async function listNotes(git: GitRunner, tree: string): Promise<Map<string, string[]>> {
  return indexNotes(await listNotePaths(git, tree));
}

/** Every note of a notes tree with its path, from one `git ls-tree -r`. */
export async function listNotePaths(git: GitRunner, tree: string): Promise<NotePath[]> {
  return parseNotesListing((await git.run(['ls-tree', '-r', '--full-tree', tree])).stdout);
}

/** Pure: `git ls-tree -r` output → its notes. */
export function parseNotesListing(out: string): NotePath[] {
  const notes: NotePath[] = [];
  for (const line of out.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0 || !line.includes(' blob ')) continue;
    const path = line.slice(tab + 1);
    const object = path.replaceAll('/', '');
    if (isObjectId(object)) notes.push({ path, object, blob: line.slice(0, tab).split(' ')[2]! });
  }
  return notes;
}

/** Object id → its note blobs (two or more when a merge of differently fanned trees left it at several depths). */
export function indexNotes(notes: readonly NotePath[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const n of notes) {
    const blobs = index.get(n.object);
    if (blobs) blobs.push(n.blob);
    else index.set(n.object, [n.blob]);
  }
  return index;
}
