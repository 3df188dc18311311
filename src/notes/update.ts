import { setTimeout as sleep } from 'node:timers/promises';
import { withCatFile } from '../git/cat-file.js';
import { isGitError } from '../git/errors.js';
import { MkTreeBatch } from '../git/mktree.js';
import type { Repo } from '../git/repo.js';
import type { GitRunner } from '../git/runner.js';
import { parseNote, type ParsedNote } from './codec.js';
import { notesOnPath, planNoteTree, type Level } from './fanout.js';
import { resolveWith } from './read.js';
import { readNotesHead } from './head.js';
import { notesRef } from './ref.js';
import { loadLevels, writeEmptyTree, writeSpec } from './tree-io.js';

/** What an edit decides from the current note: its new text ('' removes the note). */
export type NoteEdit = (note: ParsedNote) => string;

export interface UpdateOutcome {
  commit: string;
  /** The new notes commit, or null when the note already had this text and nothing was written. */
  notesCommit: string | null;
  /** Compare-and-swap attempts it took (1 unless another writer got in between). */
  attempts: number;
}

export const MAX_ATTEMPTS = 40;

/**
 * Rewrites one commit's note atomically: build a notes commit off the ref's current value, then
 * `git update-ref <ref> <new> <old>`; if another writer moved the ref meanwhile, redo the edit on
 * the new value. Objects written before a lost race or a crash are unreferenced, and git gc drops
 * them; the ref only ever moves from one complete notes commit to the next.
 * Cost: the root tree and the one fanout subtree holding the note, whatever the number of notes.
 */
export async function updateNote(repo: Repo, commit: string, edit: NoteEdit, message: string): Promise<UpdateOutcome> {
  const ref = await notesRef(repo);
  for (let attempt = 1; ; attempt++) {
    const state = await withCatFile(repo.git, async (cat) => {
      const id = await resolveWith(cat, commit);
      const head = await readNotesHead(repo, cat, ref);
      const levels = await loadLevels(cat, head?.tree ?? null, id);
      const blobs = await Promise.all(notesOnPath(levels, id).map((b) => cat.read(b)));
      const text = blobs.map((b) => b?.data.toString('utf8') ?? '').join('\n');
      return { id, old: head?.commit ?? null, levels, text };
    });
    const next = edit(parseNote(state.text));
    if (next === state.text || (next === '' && state.levels.length === 0)) return { commit: state.id, notesCommit: null, attempts: attempt };
    const created = await writeNotesCommit(repo.git, state.levels, state.id, next, state.old, message);
    if (await compareAndSwap(repo.git, ref, created, state.old, state.id.length, message)) {
      return { commit: state.id, notesCommit: created, attempts: attempt };
    }
    if (attempt >= MAX_ATTEMPTS) throw new Error(`could not update ${ref}: it kept changing under ${MAX_ATTEMPTS} attempts`);
    await sleep(Math.floor(Math.random() * Math.min(200, 10 * attempt)) + 1);
  }
}

async function writeNotesCommit(git: GitRunner, levels: Level[], id: string, text: string, parent: string | null, message: string): Promise<string> {
  const blob = text === '' ? null : (await git.run(['hash-object', '-w', '--stdin'], { input: text })).stdout.trim();
  const spec = planNoteTree(levels, id, blob);
  let tree: string;
  if (spec === null) tree = await writeEmptyTree(git);
  else {
    const mk = new MkTreeBatch(git);
    try {
      tree = await writeSpec(mk, spec);
    } finally {
      mk.close();
    }
  }
  return commitTree(git, tree, parent, message);
}

/** Commits with the user's identity, or a neutral one when none is configured (notes need none). */
async function commitTree(git: GitRunner, tree: string, parent: string | null, message: string): Promise<string> {
  const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message];
  try {
    return (await git.run(args)).stdout.trim();
  } catch (err) {
    if (!isGitError(err) || !/tell me who you are|auto-detect|empty ident/i.test(err.stderr)) throw err;
    const env = { GIT_AUTHOR_NAME: 'aisess', GIT_AUTHOR_EMAIL: 'aisess@localhost', GIT_COMMITTER_NAME: 'aisess', GIT_COMMITTER_EMAIL: 'aisess@localhost' };
    return (await git.run(args, { env })).stdout.trim();
  }
}

/** true when the ref moved from old (null: absent) to created; false when another writer won. */
export async function compareAndSwap(git: GitRunner, ref: string, created: string, old: string | null, oidLength: number, message: string): Promise<boolean> {
  const expected = old ?? '0'.repeat(oidLength);
  try {
    await git.run(['update-ref', '-m', message, ref, created, expected]);
    return true;
  } catch (err) {
    // A moved ref ("is at X but expected Y") or a held lock ("File exists") both mean: retry.
    if (isGitError(err) && /expected|exists|lock/i.test(err.stderr)) return false;
    throw err;
  }
}

const EMPTY_MESSAGE = 'aisess: notes ref created (no notes yet)';

/**
 * Makes the notes ref exist, as a commit of the empty tree, when it does not: git looks up every
 * notes.rewriteRef value on each amend and rebase and warns "notes ref … is invalid" for a missing
 * one (notes.c string_list_add_refs_by_glob). true when it created the ref.
 */
export async function ensureNotesRef(repo: Repo): Promise<boolean> {
  const ref = await notesRef(repo);
  const head = await withCatFile(repo.git, (cat) => readNotesHead(repo, cat, ref));
  if (head) return false;
  const created = await commitTree(repo.git, await writeEmptyTree(repo.git), null, EMPTY_MESSAGE);
  const oidLength = created.length;
  // Lost to another writer: the ref exists now, which is all this wanted.
  return compareAndSwap(repo.git, ref, created, null, oidLength, EMPTY_MESSAGE);
}

/** The undo of ensureNotesRef: deletes the ref only while it is still that empty, parentless commit. */
export async function removeEmptyNotesRef(repo: Repo): Promise<boolean> {
  const ref = await notesRef(repo);
  const head = await withCatFile(repo.git, (cat) => readNotesHead(repo, cat, ref)).catch(() => null);
  if (!head || head.tree !== (await writeEmptyTree(repo.git))) return false;
  const parents = (await repo.git.run(['rev-list', '--parents', '-n', '1', head.commit])).stdout.trim().split(' ');
  if (parents.length > 1) return false;
  try {
    await repo.git.run(['update-ref', '-d', ref, head.commit]);
    return true;
  } catch (err) {
    if (isGitError(err)) return false;
    throw err;
  }
}
