/** The notes a push would send, and those over aisess.noteWarnBytes. */
import type { GitRunner } from '../git/runner.js';
import { notesChanged, type NoteInCommit } from '../notes/index.js';

export interface LargeNote {
  commit: string;
  bytes: number;
}

/** The notes a push of `to` over the remote's `from` would send. */
export function notesToPush(git: GitRunner, from: string | null, to: string): Promise<NoteInCommit[]> {
  return notesChanged(git, from, to);
}

export function largeNotes(notes: readonly NoteInCommit[], warnBytes: number): LargeNote[] {
  return notes.filter((n) => n.bytes > warnBytes).map((n) => ({ commit: n.object, bytes: n.bytes }));
}

