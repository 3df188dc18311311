import { UserError } from '../errors/user-error.js';
import { withCatFile, type CatFileBatch } from '../git/cat-file.js';
import type { Repo } from '../git/repo.js';
import { parseNote } from './codec.js';
import { notesOnPath } from './fanout.js';
import { parseHeadlines } from './headlines.js';
import { readNotesHead } from './head.js';
import { decodeLimits } from './limits.js';
import { notesRef } from './ref.js';
import { listNotes } from './note-index.js';
import { loadLevels } from './tree-io.js';
import type { NoteRead, RecordHeadline } from './types.js';

/** The records on one commit (any revision that names a commit); empty when it has no note. */
export async function readNote(repo: Repo, commit: string): Promise<NoteRead & { commit: string }> {
  const [ref, limits] = await Promise.all([notesRef(repo), decodeLimits(repo)]);
  return withCatFile(repo.git, async (cat) => {
    const id = await resolveWith(cat, commit);
    const head = await readNotesHead(repo, cat, ref);
    const text = await noteText(cat, head?.tree ?? null, id);
    const { records, problems, variants } = parseNote(text, limits);
    return { commit: id, records, problems, variants };
  });
}

/** Full commit id of a revision through an open cat-file, or a notFound UserError. */
export async function resolveWith(cat: CatFileBatch, rev: string): Promise<string> {
  const obj = await cat.read(`${rev}^{commit}`);
  if (!obj) throw new UserError(`no commit named '${rev}'`, { kind: 'notFound', hint: 'give a commit id, branch or tag' });
  return obj.oid;
}

/** The note text for a commit (all blobs found on its fanout path, concatenated like git does). */
export async function noteText(cat: CatFileBatch, rootTree: string | null, commitId: string): Promise<string> {
  const levels = await loadLevels(cat, rootTree, commitId);
  const blobs = await Promise.all(notesOnPath(levels, commitId).map((b) => cat.read(b)));
  return blobs.map((b) => b?.data.toString('utf8') ?? '').join('\n');
}

/**
 * Every noted object and its note blob(s), from one `git ls-tree -r` of the notes ref: flat and
 * fanned-out layouts alike (the path minus slashes is the object id). Empty when the ref is absent.
 */
export async function listNotedCommits(repo: Repo): Promise<Map<string, string[]>> {
  const ref = await notesRef(repo);
  const head = await withCatFile(repo.git, (cat) => readNotesHead(repo, cat, ref));
  return head ? listNotes(repo.git, head.tree) : new Map();
}

/** Decodes the notes of many commits (all noted commits when omitted), reading blobs in one batch. */
export async function readNotes(repo: Repo, commits?: Iterable<string>): Promise<Map<string, NoteRead>> {
  const limits = await decodeLimits(repo);
  return readMany(repo, commits, (text) => {
    const { records, problems } = parseNote(text, limits);
    return { records, problems };
  });
}

/** Records of many commits from their summary lines only (no decompression): for `aisess log`. */
export async function readHeadlines(repo: Repo, commits?: Iterable<string>): Promise<Map<string, RecordHeadline[]>> {
  return readMany(repo, commits, parseHeadlines);
}

async function readMany<T>(repo: Repo, commits: Iterable<string> | undefined, decode: (text: string) => T): Promise<Map<string, T>> {
  const index = await listNotedCommits(repo);
  const wanted = commits ? [...new Set(commits)].filter((c) => index.has(c)) : [...index.keys()];
  const result = new Map<string, T>();
  if (wanted.length === 0) return result;
  await withCatFile(repo.git, async (cat) => {
    const texts = wanted.map((c) => Promise.all(index.get(c)!.map((b) => cat.read(b))));
    for (const [i, c] of wanted.entries()) {
      const blobs = await texts[i]!;
      result.set(c, decode(blobs.map((b) => b?.data.toString('utf8') ?? '').join('\n')));
    }
  });
  return result;
}
