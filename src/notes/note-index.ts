import { isObjectId } from '../git/object-id.js';
import type { GitRunner } from '../git/runner.js';

/**
 * Every noted object of a notes tree and its note blob(s), from one `git ls-tree -r`: flat and
 * fanned-out layouts alike (the path minus slashes is the object id). Cheaper than walking the
 * tree when most notes are wanted (10k notes: one process and a map).
 */
export async function listNotes(git: GitRunner, tree: string): Promise<Map<string, string[]>> {
  return parseNotesListing((await git.run(['ls-tree', '-r', '--full-tree', tree])).stdout);
}

/** Pure: `git ls-tree -r` output → object id → note blobs. */
export function parseNotesListing(out: string): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0 || !line.includes(' blob ')) continue;
    const object = line.slice(tab + 1).replaceAll('/', '');
    if (!isObjectId(object)) continue;
    const blob = line.slice(0, tab).split(' ')[2]!;
    const blobs = index.get(object);
    if (blobs) blobs.push(blob);
    else index.set(object, [blob]);
  }
  return index;
}
