/** The notes operations the binder uses, injected so tests can watch them and the module stays swappable. */
import type { Repo } from '../git/repo.js';
import type { NoteRecord } from '../notes/types.js';

export interface NotesPort {
  /** Adds records to a commit's note atomically; a record whose id is already there is not doubled. */
  appendRecords(repo: Repo, commit: string, records: NoteRecord[]): Promise<unknown>;
  readRecords(repo: Repo, commit: string): Promise<NoteRecord[]>;
  /** Removes records by id (copies a rewrite carried to a commit that does not hold their changes). */
  removeRecords(repo: Repo, commit: string, ids: string[]): Promise<unknown>;
}

export async function defaultNotes(): Promise<NotesPort> {
  const { appendRecords, readNote, removeRecords } = await import('../notes/index.js');
  return {
    appendRecords: (repo, commit, records) => appendRecords(repo, commit, records),
    readRecords: async (repo, commit) => (await readNote(repo, commit)).records,
    removeRecords: (repo, commit, ids) => removeRecords(repo, commit, ids),
  };
}
