/**
 * The recordings `aisess replay` plays: a session of the store, a journal file (.cast.zst) or a plain
 * asciicast file (src/replay/from-commit.ts decides which one a target names).
 */
import { readFile } from 'node:fs/promises';
import { decompress } from 'zstd-napi';
import { UserError } from '../cli/errors.js';
import { SKIPPABLE_MAGIC } from '../journal/blocks.js';
import type { JournalEvent } from '../journal/events.js';
import { decodeJournal } from '../journal/reader.js';
import { openStore } from '../store/open.js';
import { findSession, journalPath, lastSession } from '../store/sessions.js';
import { parseCast } from './cast-file.js';
import type { TermSize } from './size.js';

export interface Playable {
  /** For messages: the session id or the file name. */
  name: string;
  term: TermSize;
  events: JournalEvent[];
  /** Human-readable descriptions of what could not be read and is left out. */
  skipped: string[];
  /** A recording of this machine's store (not a file or a note someone could have written). */
  local: boolean;
}

const ZSTD_MAGIC = 0xfd2fb528;

/** A session of the store by id or unique prefix; the newest one without a target. */
export async function loadSessionPlayable(target: string | undefined, cwd: string): Promise<Playable> {
  const store = await openStore(cwd);
  const meta = target === undefined ? await lastSession(store) : await findSession(store, target);
  return { ...(await loadFile(journalPath(store, meta))), name: meta.id, local: true };
}

export async function loadFile(path: string): Promise<Playable> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw new UserError(`cannot read ${path}: ${(err as Error).message}`, { code: 'notFound', cause: err });
  }
  const magic = buf.length >= 4 ? buf.readUInt32LE(0) : 0;
  if (magic === SKIPPABLE_MAGIC) return fromJournal(buf, path);
  // A cast compressed by hand (`zstd file.cast`) has no aisess block framing: one plain frame.
  const text = magic === ZSTD_MAGIC ? inflate(buf, path) : buf.toString('utf8');
  const cast = parseCast(text, path);
  return { name: path, term: cast.term, events: cast.events, skipped: cast.skipped, local: false };
}

function fromJournal(buf: Buffer, path: string): Playable {
  try {
    const journal = decodeJournal(buf);
    const skipped = journal.damage.map((d) => `${d.bytes} bytes at offset ${d.offset}: ${d.reason}`);
    const { cols, rows } = journal.header.term;
    return { name: path, term: { cols, rows }, events: journal.events, skipped, local: false };
  } catch (err) {
    throw new UserError(`journal ${path} is damaged: ${(err as Error).message}`, { code: 'badData', cause: err });
  }
}

function inflate(buf: Buffer, path: string): string {
  try {
    return decompress(buf).toString('utf8');
  } catch (err) {
    throw new UserError(`${path} is not valid zstd: ${(err as Error).message}`, { code: 'badData', cause: err });
  }
}

// A session id never contains a slash or a file extension; such a target was meant as a file.
export function looksLikePath(target: string): boolean {
  return /[\\/]/.test(target) || /\.(cast|zst|json|jsonl)$/i.test(target);
}
