import { setTimeout as sleep } from 'node:timers/promises';
import { withCatFile, type CatFileBatch } from '../git/cat-file.js';
import type { Repo } from '../git/repo.js';
import type { GitRunner } from '../git/runner.js';
import { readNotesHead } from './head.js';
import { changedObjects, incoming, planMerge } from './merge-plan.js';
import { listNotePaths, type NotePath } from './note-index.js';
import { layoutChanges } from './note-layout.js';
import { committer, NotesImport } from './notes-commit.js';
import { notesRef } from './ref.js';
import { compareAndSwap, MAX_ATTEMPTS } from './update.js';

export interface NotesMerge {
  /** up-to-date: theirs was in ours already; fast-forward: ours moved to theirs; merged: a commit with both as parents. */
  kind: 'up-to-date' | 'fast-forward' | 'merged';
  /** Commits whose note theirs added, changed or removed since the common base. */
  incoming: number;
  /** Of those, commits whose note changes here. */
  changed: number;
  /** Of those, commits noted on both sides whose notes were combined record by record. */
  combined: number;
  /** The new value of the notes ref (null: unchanged, or a dry run). */
  notesCommit: string | null;
  attempts: number;
}

export interface MergeOptions {
  /** Work out what would change, write nothing. */
  dryRun?: boolean;
  message: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Merges the notes commit `theirs` (a fetched remote notes ref, or the fetch still under way) into
 * the notes ref. Only the notes theirs changed since the merge base are looked at (`git
 * diff-tree`), so a sync that brings ten notes costs ten notes whatever the size of the tree; with
 * no common history every note of theirs is. The merge commit has both parents, so ours descends
 * from theirs and a push of it is a fast-forward. The ref moves by compare-and-swap (as
 * updateNote): a bind in between makes the merge start again, and until the swap nothing is
 * visible, so a failure leaves the notes as they were.
 */
export async function mergeNotes(repo: Repo, theirs: string | null | Promise<string | null>, opts: MergeOptions): Promise<NotesMerge> {
  const ref = await notesRef(repo);
  const list = listOnce(repo.git);
  // While theirs is being fetched ours is listed, the first thing a merge waits for; a failure
  // here shows again when the merge reads ours itself.
  if (theirs instanceof Promise) listOurs(repo.git, ref, list).catch(() => {});
  const fetched = await theirs;
  for (let attempt = 1; ; attempt++) {
    const outcome = await withCatFile(repo.git, (cat) => mergeOnce(repo, cat, ref, fetched, opts, list));
    if (outcome.swapped) return { ...outcome.merge, attempts: attempt };
    if (attempt >= MAX_ATTEMPTS) throw new Error(`could not update ${ref}: it kept changing under ${MAX_ATTEMPTS} attempts`);
    await sleep(Math.floor(Math.random() * Math.min(200, 10 * attempt)) + 1);
  }
}

type Attempt = { swapped: boolean; merge: Omit<NotesMerge, 'attempts'> };

/** listNotePaths, each tree listed once: an attempt that finds ours unchanged reuses its listing. */
function listOnce(git: GitRunner): (tree: string) => Promise<NotePath[]> {
  const listed = new Map<string, Promise<NotePath[]>>();
  return (tree) => {
    let notes = listed.get(tree);
    if (!notes) listed.set(tree, (notes = listNotePaths(git, tree)));
    return notes;
  };
}

async function listOurs(git: GitRunner, ref: string, list: (tree: string) => Promise<NotePath[]>): Promise<void> {
  const tree = (await git.run(['rev-parse', '-q', '--verify', '--end-of-options', `${ref}^{tree}`], { okCodes: [1] })).stdout.trim();
  if (tree) await list(tree);
}

async function mergeOnce(repo: Repo, cat: CatFileBatch, ref: string, theirs: string | null, opts: MergeOptions, list: (tree: string) => Promise<NotePath[]>): Promise<Attempt> {
  const none = { kind: 'up-to-date' as const, incoming: 0, changed: 0, combined: 0, notesCommit: null };
  const ours = (await readNotesHead(repo, cat, ref))?.commit ?? null;
  if (theirs === null || ours === theirs) return { swapped: true, merge: none };
  const base = ours === null ? null : await mergeBase(repo.git, ours, theirs);
  if (base === theirs) return { swapped: true, merge: none };
  if (ours === null || base === ours) {
    const incoming = (await changedObjects(repo.git, ours, theirs)).length;
    const merge = { kind: 'fast-forward' as const, incoming, changed: incoming, combined: 0, notesCommit: opts.dryRun ? null : theirs };
    if (opts.dryRun) return { swapped: true, merge };
    return { swapped: await compareAndSwap(repo.git, ref, theirs, ours, theirs.length, opts.message), merge };
  }
  const roots = [await treeOf(cat, ours), await treeOf(cat, theirs), base && (await treeOf(cat, base))] as const;
  const { objects, lookups, ours: oursNotes } = await incoming(repo, cat, roots, base, theirs, list);
  // A dry run writes nothing: its merged texts are only counted.
  const writer = opts.dryRun ? null : new NotesImport(repo.git);
  try {
    const store = (text: string): string => writer?.blob(text) ?? 'not written';
    const [plan, ident] = await Promise.all([planMerge(repo.git, objects, lookups, store, opts.onProgress), writer && committer(repo.git)]);
    const merge = { kind: 'merged' as const, incoming: objects.length, changed: plan.edits.length, combined: plan.combined, notesCommit: null as string | null };
    if (!writer || ident === null) return { swapped: true, merge };
    merge.notesCommit = await writer.commit([ours, theirs], opts.message, layoutChanges(oursNotes, plan.edits), ident);
    return { swapped: await compareAndSwap(repo.git, ref, merge.notesCommit, ours, ours.length, opts.message), merge };
  } finally {
    writer?.abandon();
  }
}

async function treeOf(cat: CatFileBatch, commit: string): Promise<string> {
  const obj = await cat.read(commit);
  const tree = obj?.type === 'commit' ? /^tree ([0-9a-f]+)/.exec(obj.data.subarray(0, 100).toString('latin1'))?.[1] : undefined;
  if (!tree) throw new Error(`notes commit ${commit} is missing or not a commit`);
  return tree;
}

/** The best common ancestor of two notes commits, or null when their histories never met. */
export async function mergeBase(git: GitRunner, a: string, b: string): Promise<string | null> {
  const out = await git.run(['merge-base', a, b], { okCodes: [1] });
  return out.exitCode === 0 ? out.stdout.trim() || null : null;
}
