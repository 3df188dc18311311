/** Notes a push would send that are over aisess.noteWarnBytes: hosts refuse big blobs, and every clone downloads every note. */
import type { NoteInCommit } from '../notes/index.js';

export interface LargeNote {
  commit: string;
  bytes: number;
}

export function largeNotes(notes: readonly NoteInCommit[], warnBytes: number): LargeNote[] {
  return notes.filter((n) => n.bytes > warnBytes).map((n) => ({ commit: n.object, bytes: n.bytes }));
}
