import { setTimeout as sleep } from 'node:timers/promises';
import { writeBlobs } from '../git/blob-writer.js';
import { withCatFile, type CatFileBatch } from '../git/cat-file.js';
import { parseRawDiff } from '../git/diff-tree.js';
import { MkTreeBatch } from '../git/mktree.js';
import type { Repo } from '../git/repo.js';
import type { GitRunner } from '../git/runner.js';
import { readNotesHead } from './head.js';
import { mergeNoteLines } from './merge-lines.js';
import { NotesTree } from './notes-tree.js';
import { notesRef } from './ref.js';
import { commitTree, compareAndSwap, MAX_ATTEMPTS } from './update.js';
import { writeEmptyTree } from './tree-io.js';

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
 * Merges the notes commit `theirs` (a fetched remote notes ref) into the notes ref. Only the notes
 * theirs changed since the merge base are looked at (`git diff-tree`), so a sync that brings ten
 * notes costs ten notes whatever the size of the tree; with no common history every note of
 * theirs is. The merge commit has both parents, so ours descends from theirs and a push of it is
 * a fast-forward. The ref moves by compare-and-swap (as updateNote): a bind in between makes the
 * merge start again, and until the swap nothing is visible, so a failure leaves the notes as they were.
 */
export async function mergeNotes(repo: Repo, theirs: string | null, opts: MergeOptions): Promise<NotesMerge> {
  const ref = await notesRef(repo);
  for (let attempt = 1; ; attempt++) {
    const outcome = await withCatFile(repo.git, (cat) => mergeOnce(repo, cat, ref, theirs, opts));
    if (outcome.swapped) return { ...outcome.merge, attempts: attempt };
    if (attempt >= MAX_ATTEMPTS) throw new Error(`could not update ${ref}: it kept changing under ${MAX_ATTEMPTS} attempts`);
    await sleep(Math.floor(Math.random() * Math.min(200, 10 * attempt)) + 1);
  }
}

type Attempt = { swapped: boolean; merge: Omit<NotesMerge, 'attempts'> };

async function mergeOnce(repo: Repo, cat: CatFileBatch, ref: string, theirs: string | null, opts: MergeOptions): Promise<Attempt> {
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
  const objects = await changedObjects(repo.git, base, theirs);
  const plan = await planMerge(cat, objects, { ours: await treeOf(cat, ours), theirs: await treeOf(cat, theirs), base: base && (await treeOf(cat, base)) }, opts.onProgress);
  const merge = { kind: 'merged' as const, incoming: objects.length, changed: plan.edits.length, combined: plan.combined, notesCommit: null as string | null };
  if (opts.dryRun) return { swapped: true, merge };
  const blobs = await writeBlobs(repo.git, plan.edits.flatMap((e) => (typeof e.note === 'string' && e.text ? [e.note] : [])));
  let next = 0;
  for (const e of plan.edits) await plan.tree.set(e.object, e.text ? blobs[next++]! : e.note);
  const mk = new MkTreeBatch(repo.git);
  let tree: string | null;
  try {
    tree = await plan.tree.write(mk);
  } finally {
    mk.close();
  }
  merge.notesCommit = await commitTree(repo.git, tree ?? (await writeEmptyTree(repo.git)), [ours, theirs], opts.message);
  return { swapped: await compareAndSwap(repo.git, ref, merge.notesCommit, ours, ours.length, opts.message), merge };
}

/** A change to our tree: take a blob of theirs as is (text false), or write merged text (text true). */
type Edit = { object: string; note: string | null; text: boolean };

async function planMerge(
  cat: CatFileBatch,
  objects: readonly string[],
  roots: { ours: string; theirs: string; base: string | null },
  onProgress?: (done: number, total: number) => void,
): Promise<{ tree: NotesTree; edits: Edit[]; combined: number }> {
  const hex = objects[0]?.length ?? 40;
  const ours = new NotesTree(cat, roots.ours, hex);
  const theirs = new NotesTree(cat, roots.theirs, hex);
  const base = roots.base ? new NotesTree(cat, roots.base, hex) : null;
  const edits: Edit[] = [];
  const both: { object: string; l: string[]; t: string[]; b: string[] }[] = [];
  for (const [i, object] of objects.entries()) {
    if (i % 1000 === 999) onProgress?.(i + 1, objects.length);
    const l = await ours.find(object);
    const t = await theirs.find(object);
    if (same(l, t)) continue;
    const b = base ? await base.find(object) : [];
    if (same(t, b)) continue;
    if (same(l, b) && t.length <= 1) edits.push({ object, note: t[0] ?? null, text: false });
    else both.push({ object, l, t, b });
  }
  const texts = await readTexts(cat, both.flatMap((c) => [...c.l, ...c.t, ...c.b]));
  const join = (blobs: string[]): string => blobs.map((id) => texts.get(id)!).join('\n');
  let combined = 0;
  for (const c of both) {
    const merged = mergeNoteLines(c.b.length ? join(c.b) : null, join(c.l), join(c.t));
    if (c.l.length === 1 && merged === texts.get(c.l[0]!)) continue;
    combined++;
    edits.push({ object: c.object, note: merged === '' ? null : merged, text: merged !== '' });
  }
  onProgress?.(objects.length, objects.length);
  return { tree: ours, edits, combined };
}

async function readTexts(cat: CatFileBatch, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const objects = await Promise.all(unique.map((id) => cat.read(id)));
  return new Map(unique.map((id, i) => [id, objects[i]?.data.toString('utf8') ?? '']));
}

function same(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((x, i) => x === sb[i]);
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

/**
 * The objects whose note differs between two notes commits (from null: every note of `to`), from
 * one `git diff-tree` (or `ls-tree`): a path minus its fanout slashes is the object id.
 */
export async function changedObjects(git: GitRunner, from: string | null, to: string): Promise<string[]> {
  const paths = from === null
    ? (await git.run(['ls-tree', '-r', '-z', '--full-tree', '--name-only', to])).stdout.split('\0')
    : parseRawDiff((await git.run(['diff-tree', '-r', '-z', '--no-renames', from, to])).stdout).map((m) => m.path);
  const objects = new Set<string>();
  for (const path of paths) {
    const object = path.replaceAll('/', '');
    if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(object)) objects.add(object);
  }
  return [...objects];
}
