import { setTimeout as sleep } from 'node:timers/promises';
import { readObjects, withCatFile, type CatFileBatch } from '../git/cat-file.js';
import { parseRawDiff } from '../git/diff-tree.js';
import type { Repo } from '../git/repo.js';
import type { GitRunner } from '../git/runner.js';
import { readNotesHead } from './head.js';
import { mergeNoteLines } from './merge-lines.js';
import { writeNotesCommit, type NoteChange } from './notes-commit.js';
import { listNotes } from './note-index.js';
import { NotesTree } from './notes-tree.js';
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
  const roots = [await treeOf(cat, ours), await treeOf(cat, theirs), base && (await treeOf(cat, base))] as const;
  const { objects, lookups } = await incoming(repo, cat, roots, base, theirs);
  const plan = await planMerge(repo.git, objects, lookups, opts.onProgress);
  const merge = { kind: 'merged' as const, incoming: objects.length, changed: plan.edits.length, combined: plan.combined, notesCommit: null as string | null };
  if (opts.dryRun) return { swapped: true, merge };
  merge.notesCommit = await writeNotesCommit(repo.git, [ours, theirs], opts.message, plan.edits);
  return { swapped: await compareAndSwap(repo.git, ref, merge.notesCommit, ours, ours.length, opts.message), merge };
}

/**
 * The objects theirs changed since the base, and how to look their notes up: with no common
 * history every note of theirs is incoming and listings of the trees beat walking them; a few
 * changes read only their paths.
 */
async function incoming(repo: Repo, cat: CatFileBatch, roots: readonly [string, string, string | null], base: string | null, theirs: string): Promise<{ objects: string[]; lookups: Lookups }> {
  if (base === null) {
    const [l, t] = await Promise.all([listNotes(repo.git, roots[0]), listNotes(repo.git, roots[1])]);
    return { objects: [...t.keys()], lookups: { kind: 'index', find: [byIndex(l), byIndex(t), () => []] } };
  }
  const objects = await changedObjects(repo.git, base, theirs);
  if (objects.length <= LIST_AT) return { objects, lookups: { kind: 'tree', find: roots.map((r) => byTree(new NotesTree(cat, r!))) as TreeFinds } };
  const find = await Promise.all(roots.map(async (r) => byIndex(await listNotes(repo.git, r!))));
  return { objects, lookups: { kind: 'index', find: find as IndexFinds } };
}

/** Above this many changed notes, the merge lists the three trees instead of looking each note up. */
const LIST_AT = 500;

/** An object's note blobs in ours, theirs and the base: from listings (at once) or from the trees (read as needed). */
type IndexFinds = [(o: string) => string[], (o: string) => string[], (o: string) => string[]];
type TreeFinds = [(o: string) => Promise<string[]>, (o: string) => Promise<string[]>, (o: string) => Promise<string[]>];
type Lookups = { kind: 'index'; find: IndexFinds } | { kind: 'tree'; find: TreeFinds };

const byIndex = (index: Map<string, string[]>) => (object: string): string[] => index.get(object) ?? [];
const byTree = (tree: NotesTree) => (object: string): Promise<string[]> => tree.find(object);

async function planMerge(
  git: GitRunner,
  objects: readonly string[],
  lookups: Lookups,
  onProgress?: (done: number, total: number) => void,
): Promise<{ edits: NoteChange[]; combined: number }> {
  const edits: NoteChange[] = [];
  const both: { object: string; l: string[]; t: string[]; b: string[] }[] = [];
  const found = lookups.kind === 'index' ? objects.map((object) => ({ object, l: lookups.find[0](object), t: lookups.find[1](object), b: lookups.find[2](object) })) : await findAll(objects, lookups.find, onProgress);
  for (const { object, l, t, b } of found) {
    if (same(l, t) || same(t, b)) continue;
    if (same(l, b) && t.length <= 1) edits.push(t[0] ? { object, blob: t[0] } : { object, remove: true });
    else both.push({ object, l, t, b });
  }
  const texts = await readTexts(git, both.flatMap((c) => [...c.l, ...c.t, ...c.b]));
  const join = (blobs: string[]): string => blobs.map((id) => texts.get(id)!).join('\n');
  let combined = 0;
  for (const c of both) {
    const merged = mergeNoteLines(c.b.length ? join(c.b) : null, join(c.l), join(c.t));
    if (c.l.length === 1 && merged === texts.get(c.l[0]!)) continue;
    combined++;
    edits.push(merged === '' ? { object: c.object, remove: true } : { object: c.object, text: merged });
  }
  onProgress?.(objects.length, objects.length);
  return { edits, combined };
}

/** All lookups at once: each tree is read by the first lookup that needs it, in one stream of reads. */
async function findAll(objects: readonly string[], [ours, theirs, base]: TreeFinds, onProgress?: (done: number, total: number) => void) {
  let done = 0;
  return Promise.all(objects.map(async (object) => {
    const [l, t, b] = await Promise.all([ours(object), theirs(object), base(object)]);
    if (++done % 1000 === 0) onProgress?.(done, objects.length);
    return { object, l, t, b };
  }));
}

async function readTexts(git: GitRunner, ids: readonly string[]): Promise<Map<string, string>> {
  const objects = await readObjects(git, ids);
  return new Map(ids.map((id) => [id, objects.get(id)?.toString('utf8') ?? '']));
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
