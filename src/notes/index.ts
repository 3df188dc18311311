/** The one module that reads and writes aisess notes. Everything else imports from here. */
export { notesRef } from './ref.js';
export { BrokenNotesRefError, checkNotesRef, type NotesHead } from './head.js';
export { readNote, readNotes, readHeadlines, listNotedCommits } from './read.js';
export { appendRecords, removeRecords, type AppendOutcome, type RemoveOutcome } from './write.js';
export { ensureRewriteConfig, removeRewriteConfig, type RewriteConfigOutcome } from './rewrite-config.js';
export { decodeNote, renderNote, parseNote } from './codec.js';
export { parseHeadlines } from './headlines.js';
export { FORMAT_VERSION, isValidRecordId } from './payload-line.js';
export type { NoteRecord, NoteProblem, NoteRead, RecordSummary, RecordHeadline } from './types.js';
export { mergeNotes, type NotesMerge, type MergeOptions } from './merge.js';
export { mergeNoteLines } from './merge-lines.js';
export { notesChanged, type NoteInCommit } from './diff.js';
