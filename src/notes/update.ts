import { setTimeout as sleep } from 'node:timers/promises';
import { withCatFile } from '../git/cat-file.js';
import { isGitError } from '../git/errors.js';
import { MkTreeBatch } from '../git/mktree.js';
import type { Repo } from '../git/repo.js';
import type { GitRunner } from '../git/runner.js';
import { parseNote, type ParsedNote } from './codec.js';
import { notesOnPath, planNoteTree, type Level } from './fanout.js';
import { resolveWith } from './read.js';
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
      const head = await cat.read(ref);
      const root = head ? treeOf(head.data) : null;
      const levels = await loadLevels(cat, root, id);
      const blobs = await Promise.all(notesOnPath(levels, id).map((b) => cat.read(b)));
      const text = blobs.map((b) => b?.data.toString('utf8') ?? '').join('\n');
      return { id, old: head?.oid ?? null, levels, text };
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
async function compareAndSwap(git: GitRunner, ref: string, created: string, old: string | null, oidLength: number, message: string): Promise<boolean> {
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

function treeOf(commitData: Buffer): string {
  const m = /^tree ([0-9a-f]+)/.exec(commitData.subarray(0, 100).toString('latin1'));
  if (!m) throw new Error('notes ref does not point at a commit');
  return m[1]!;
}
