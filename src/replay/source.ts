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

/** A session of the store by id or unique prefix; the newest one without a target. */
export async function loadSessionPlayable(target: string | undefined, cwd: string): Promise<Playable> {
  const store = await openStore(cwd);
  const meta = target === undefined ? await lastSession(store) : await findSession(store, target);
  return { ...(await loadRecordingFile(journalPath(store, meta))), name: meta.id, local: true };
}

/** A recording file: never local, whoever made it. */
export async function loadFile(path: string): Promise<Playable> {
  return { ...(await loadRecordingFile(path)), local: false };
}

// A session id never contains a slash or a file extension; such a target was meant as a file.
export function looksLikePath(target: string): boolean {
  return /[\\/]/.test(target) || /\.(cast|zst|json|jsonl)$/i.test(target);
}
