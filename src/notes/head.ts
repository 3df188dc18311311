import { UserError } from '../errors/user-error.js';
import { withCatFile, type CatFileBatch, type GitObject } from '../git/cat-file.js';
import type { Repo } from '../git/repo.js';
import { notesRef } from './ref.js';

/** The notes ref's commit and its root tree; null when the ref does not exist (no note yet). */
export interface NotesHead {
  commit: string;
  tree: string;
}

/**
 * Reads the notes ref. A missing ref is normal; a ref whose object is gone (a `git gc --prune=now`
 * racing a write) or is no commit throws: read as "no notes", every show would say "no segments"
 * and every bind would fail on it unexplained.
 */
export async function readNotesHead(repo: Repo, cat: CatFileBatch, ref: string): Promise<NotesHead | null> {
  // Mostly the ref is there and sound: asked of the cat-file process already running, no git starts.
  const sound = await soundHead(cat, await cat.read(ref));
  if (sound) return sound;
  // Missing or not sound: rev-parse --verify resolves the ref without looking at its object, so it
  // tells "absent" from "broken".
  const out = await repo.git.run(['rev-parse', '-q', '--verify', '--end-of-options', ref], { okCodes: [1] });
  const oid = out.stdout.trim();
  if (out.exitCode !== 0 || oid === '') return null;
  const obj = await cat.read(oid);
  const head = await soundHead(cat, obj);
  if (!head) throw brokenNotesRef(ref, oid, obj ? `a ${obj.type}${obj.type === 'commit' ? ' whose tree is missing' : ''}` : 'a missing object');
  return head;
}

/** The commit and its tree, when the object is a commit whose tree is there. */
async function soundHead(cat: CatFileBatch, obj: GitObject | null): Promise<NotesHead | null> {
  const tree = obj?.type === 'commit' ? /^tree ([0-9a-f]+)/.exec(obj.data.subarray(0, 100).toString('latin1'))?.[1] : undefined;
  return obj && tree && (await cat.read(tree)) ? { commit: obj.oid, tree } : null;
}

export class BrokenNotesRefError extends UserError {
  constructor(readonly ref: string, message: string, hint: string) {
    super(message, { kind: 'brokenRef', hint });
    this.name = 'BrokenNotesRefError';
  }
}

function brokenNotesRef(ref: string, oid: string, what: string): BrokenNotesRefError {
  return new BrokenNotesRefError(
    ref,
    `notes ref ${ref} is broken: it points at ${oid}, ${what}; no note can be read or written until it is repaired`,
    `restore it from its reflog (\`git reflog show ${ref}\`, then \`git update-ref ${ref} <good id>\`), or note the id above and delete it: \`git update-ref -d ${ref}\``,
  );
}

/** Throws BrokenNotesRefError when the repository's notes ref exists but cannot be read. */
export async function checkNotesRef(repo: Repo): Promise<void> {
  const ref = await notesRef(repo);
  await withCatFile(repo.git, (cat) => readNotesHead(repo, cat, ref));
}
