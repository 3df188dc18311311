/**
 * The recordings `aisess replay` plays: a session of the store, a journal file (.cast.zst) or a plain
 * asciicast file (src/replay/from-commit.ts decides which one a target names).
 */
import { loadRecordingFile, type RecordingFile } from '../journal/recording-file.js';
import { openStore } from '../store/open.js';
import { findSession, journalPath, lastSession } from '../store/sessions.js';

export interface Playable extends RecordingFile {
  /** A recording of this machine's store (not a file or a note someone could have written). */
  local: boolean;
}

/** A session of the store by id or unique prefix (the newest one without a target): its id and journal, not yet read. */
export async function findLocalSession(target: string | undefined, cwd: string): Promise<{ id: string; journal: string }> {
  const store = await openStore(cwd);
  const meta = target === undefined ? await lastSession(store) : await findSession(store, target);
  return { id: meta.id, journal: journalPath(store, meta) };
}

export async function loadSessionPlayable(session: { id: string; journal: string }): Promise<Playable> {
  return { ...(await loadRecordingFile(session.journal)), name: session.id, local: true };
}

/** A recording file: never local, whoever made it. */
export async function loadFile(path: string): Promise<Playable> {
  return { ...(await loadRecordingFile(path)), local: false };
}

// A session id never contains a slash or a file extension; such a target was meant as a file.
export function looksLikePath(target: string): boolean {
  return /[\\/]/.test(target) || /\.(cast|zst|json|jsonl)$/i.test(target);
}
