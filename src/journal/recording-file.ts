/**
 * A recording in a file, whoever made it: an aisess journal (.cast.zst), an asciicast v2 or v3
 * file, or one compressed by hand (`zstd file.cast`). What could not be read is listed, not fatal.
 */
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors/user-error.js';
import { SKIPPABLE_MAGIC } from './block-frame.js';
import { decompressCapped, LimitError } from './bounded.js';
import { parseCast } from './cast-file.js';
import type { JournalEvent, TermSize } from './events.js';
import { decodeJournal } from './reader.js';

export interface RecordingFile {
  /** For messages: the file name. */
  name: string;
  term: TermSize;
  events: JournalEvent[];
  /** Human-readable descriptions of what could not be read and is left out. */
  skipped: string[];
}

const ZSTD_MAGIC = 0xfd2fb528;
/** A compressed cast is read whole into one string: a bomb stops here, memory stays about this much. */
const MAX_CAST_BYTES = 256 * 1024 ** 2;

export async function loadRecordingFile(path: string): Promise<RecordingFile> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw new UserError(`cannot read ${path}: ${(err as Error).message}`, { kind: 'notFound', cause: err });
  }
  const magic = buf.length >= 4 ? buf.readUInt32LE(0) : 0;
  if (magic === SKIPPABLE_MAGIC) return fromJournal(buf, path);
  // A cast compressed by hand has no aisess block framing: one plain frame.
  const text = magic === ZSTD_MAGIC ? inflate(buf, path) : buf.toString('utf8');
  const cast = parseCast(text, path);
  return { name: path, term: cast.term, events: cast.events, skipped: cast.skipped };
}

function fromJournal(buf: Buffer, path: string): RecordingFile {
  try {
    const journal = decodeJournal(buf);
    const skipped = journal.damage.map((d) => `${d.bytes} bytes at offset ${d.offset}: ${d.reason}`);
    const { cols, rows } = journal.header.term;
    return { name: path, term: { cols, rows }, events: journal.events, skipped };
  } catch (err) {
    throw new UserError(`journal ${path} is damaged: ${(err as Error).message}`, { kind: 'badData', cause: err });
  }
}

function inflate(buf: Buffer, path: string): string {
  try {
    return decompressCapped(buf, MAX_CAST_BYTES, 'the most a compressed recording file may hold').toString('utf8');
  } catch (err) {
    const what = err instanceof LimitError ? 'too large: it' : 'not valid zstd:';
    throw new UserError(`${path} is ${what} ${(err as Error).message}`, { kind: 'badData', cause: err });
  }
}
