/**
 * What a merge of two notes commits changes: which objects theirs changed, each one's note blobs
 * in ours, theirs and the base, and the edits (take theirs as is, or the record-by-record merge
 * of both, src/notes/merge-lines.ts, its text stored as it is made). No ref moves here.
 */
import { streamObjects, type CatFileBatch } from '../git/cat-file.js';
import type { Repo } from '../git/repo.js';
import type { GitRunner } from '../git/runner.js';
import { changedNotes } from './diff.js';
import { mergeNoteLines } from './merge-lines.js';
import type { NoteChange } from './note-layout.js';
import { indexNotes, type NotePath } from './note-index.js';
import { NotesTree } from './notes-tree.js';

/**
 * The objects theirs changed since the base, how to look their notes up, and every note of ours
 * with its path (where the merged notes are written, src/notes/note-layout.ts): with no common
 * history every note of theirs is incoming and listings of the trees beat walking them; a few
 * changes read only their paths.
 */
export async function incoming(
  repo: Repo,
  cat: CatFileBatch,
  roots: readonly [string, string, string | null],
  base: string | null,
  theirs: string,
  list: (tree: string) => Promise<NotePath[]>,
): Promise<{ objects: string[]; lookups: Lookups; ours: NotePath[] }> {
  if (base === null) {
    const [ours, t] = await Promise.all([list(roots[0]), list(roots[1])]);
    const index = indexNotes(t);
    return { objects: [...index.keys()], lookups: { kind: 'index', find: [byIndex(indexNotes(ours)), byIndex(index), () => []] }, ours };
  }
  const [objects, ours] = await Promise.all([changedObjects(repo.git, base, theirs), list(roots[0])]);
  if (objects.length <= LIST_AT) return { objects, lookups: { kind: 'tree', find: roots.map((r) => byTree(new NotesTree(cat, r!))) as TreeFinds }, ours };
  const [t, b] = await Promise.all([list(roots[1]), list(roots[2]!)]);
  return { objects, lookups: { kind: 'index', find: [byIndex(indexNotes(ours)), byIndex(indexNotes(t)), byIndex(indexNotes(b))] }, ours };
}

/** Above this many changed notes, the merge lists the three trees instead of looking each note up. */
const LIST_AT = 500;

/** An object's note blobs in ours, theirs and the base: from listings (at once) or from the trees (read as needed). */
type IndexFinds = [(o: string) => string[], (o: string) => string[], (o: string) => string[]];
type TreeFinds = [(o: string) => Promise<string[]>, (o: string) => Promise<string[]>, (o: string) => Promise<string[]>];
type Lookups = { kind: 'index'; find: IndexFinds } | { kind: 'tree'; find: TreeFinds };

const byIndex = (index: Map<string, string[]>) => (object: string): string[] => index.get(object) ?? [];
const byTree = (tree: NotesTree) => (object: string): Promise<string[]> => tree.find(object);

/**
 * The edits of a merge. A note changed on both sides is merged record by record as soon as its
 * blobs are read (one stream of reads), and its text handed to `store`, which returns the blob
 * (or mark) to set: reading, merging and writing overlap.
 */
export async function planMerge(
  git: GitRunner,
  objects: readonly string[],
  lookups: Lookups,
  store: (text: string) => string,
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
  const texts = new Map<string, string>();
  const join = (blobs: string[]): string => blobs.map((id) => texts.get(id)!).join('\n');
  let combined = 0;
  let next = 0;
  // Blobs arrive in the order asked for: a note is merged once its last blob is in.
  const mergeReady = () => {
    for (; next < both.length && [...both[next]!.l, ...both[next]!.t, ...both[next]!.b].every((id) => texts.has(id)); next++) {
      const c = both[next]!;
      const merged = mergeNoteLines(c.b.length ? join(c.b) : null, join(c.l), join(c.t));
      if (c.l.length === 1 && merged === texts.get(c.l[0]!)) continue;
      combined++;
      edits.push(merged === '' ? { object: c.object, remove: true } : { object: c.object, blob: store(merged) });
    }
  };
  await streamObjects(git, both.flatMap((c) => [...c.l, ...c.t, ...c.b]), (id, data) => {
    texts.set(id, data?.toString('utf8') ?? '');
    mergeReady();
  });
  mergeReady();
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

function same(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((x, i) => x === sb[i]);
}

/** The objects whose note differs between two notes commits (from null: every note of `to`). */
export async function changedObjects(git: GitRunner, from: string | null, to: string): Promise<string[]> {
  return [...new Set((await changedNotes(git, from, to)).map((n) => n.object))];
}
