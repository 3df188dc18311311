import { readObjects } from '../git/cat-file.js';
import { parseRawDiff } from '../git/diff-tree.js';
import { isObjectId } from '../git/object-id.js';
import type { GitRunner } from '../git/runner.js';

/** A note as it is in `to` where it differs from `from`: what a push of `to` over `from` sends. */
export interface NoteInCommit {
  object: string;
  blob: string;
  bytes: number;
  text: string;
}

/**
 * The noted objects whose note differs between two notes commits (from null: every note of `to`)
 * and their blob in `to` (null: removed there), from one `git diff-tree` (or `ls-tree`): a path
 * minus its fanout slashes is the object id.
 */
export async function changedNotes(git: GitRunner, from: string | null, to: string): Promise<{ object: string; blob: string | null }[]> {
  const entries: { path: string; blob: string | null }[] = [];
  if (from === null) {
    for (const line of (await git.run(['ls-tree', '-r', '-z', '--full-tree', to])).stdout.split('\0')) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
      if (m) entries.push({ path: m[2]!, blob: m[1]! });
    }
  } else {
    for (const m of parseRawDiff((await git.run(['diff-tree', '-r', '-z', '--no-renames', from, to])).stdout)) entries.push({ path: m.path, blob: m.after });
  }
  return entries.map((e) => ({ object: e.path.replaceAll('/', ''), blob: e.blob })).filter((e) => isObjectId(e.object));
}

/** The notes of notes commit `to` that are new or changed against `from` (null: all of them), their texts read in one `git cat-file --batch --buffer`. */
export async function notesChanged(git: GitRunner, from: string | null, to: string): Promise<NoteInCommit[]> {
  const notes = (await changedNotes(git, from, to)).filter((n): n is { object: string; blob: string } => n.blob !== null);
  const blobs = await readObjects(git, notes.map((n) => n.blob));
  return notes.map((n) => {
    const data = blobs.get(n.blob);
    return { ...n, bytes: data?.length ?? 0, text: data?.toString('utf8') ?? '' };
  });
}
