import { readObjects } from '../git/cat-file.js';
import { parseRawDiff } from '../git/diff-tree.js';
import type { GitRunner } from '../git/runner.js';

/** A note as it is in `to` where it differs from `from`: what a push of `to` over `from` sends. */
export interface NoteInCommit {
  object: string;
  blob: string;
  bytes: number;
  text: string;
}

/**
 * The notes of notes commit `to` that are new or changed against `from` (null: all of them), read
 * in one `git diff-tree` (or `ls-tree`) and one `git cat-file --batch --buffer`.
 */
export async function notesChanged(git: GitRunner, from: string | null, to: string): Promise<NoteInCommit[]> {
  const entries: { path: string; blob: string }[] = [];
  if (from === null) {
    for (const line of (await git.run(['ls-tree', '-r', '-z', '--full-tree', to])).stdout.split('\0')) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
      if (m) entries.push({ path: m[2]!, blob: m[1]! });
    }
  } else {
    for (const m of parseRawDiff((await git.run(['diff-tree', '-r', '-z', '--no-renames', from, to])).stdout)) {
      if (m.after) entries.push({ path: m.path, blob: m.after });
    }
  }
  const notes = entries
    .map((e) => ({ object: e.path.replaceAll('/', ''), blob: e.blob }))
    .filter((e) => /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(e.object));
  const blobs = await readObjects(git, notes.map((n) => n.blob));
  return notes.map((n) => {
    const data = blobs.get(n.blob);
    return { ...n, bytes: data?.length ?? 0, text: data?.toString('utf8') ?? '' };
  });
}
