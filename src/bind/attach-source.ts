/**
 * Where an attach takes its recording from: a session of this repository's store (by id or the
 * last one), a journal file (.cast.zst) or a plain asciicast file. Always a header and events.
 */
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { SKIPPABLE_MAGIC } from '../journal/block-frame.js';
import type { JournalEvent, JournalHeader } from '../journal/events.js';
import { readJournal } from '../journal/reader.js';
import { loadRecordingFile } from '../journal/recording-file.js';
import { openStore } from '../store/open.js';
import { findSession, journalPath, lastSession } from '../store/sessions.js';

export type AttachSource = { kind: 'session'; id: string } | { kind: 'last' } | { kind: 'file'; path: string };

export interface Recording {
  header: JournalHeader;
  events: JournalEvent[];
  /** What could not be read and is left out. */
  skipped: string[];
  /** A session of this repository's store (its ledger names its segments): the store's directory. */
  storeDir?: string;
}

export async function loadRecording(source: AttachSource, cwd: string): Promise<Recording> {
  if (source.kind === 'file') return fromFile(resolve(cwd, source.path));
  const store = await openStore(cwd);
  const meta = source.kind === 'last' ? await lastSession(store) : await findSession(store, source.id);
  return { ...(await fromJournal(journalPath(store, meta))), storeDir: store.dir };
}

async function fromFile(path: string): Promise<Recording> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new UserError(`no such file: ${path}`, { kind: 'notFound' });
  if ((await magic(path)) === SKIPPABLE_MAGIC) return fromJournal(path);
  const cast = await loadRecordingFile(path);
  const bytes = await readFile(path);
  return { header: castHeader(path, bytes, cast.term, info.mtimeMs), events: cast.events, skipped: cast.skipped };
}

async function fromJournal(path: string): Promise<Recording> {
  const journal = await readJournal(path);
  const skipped = journal.damage.map((d) => `${d.bytes} bytes at offset ${d.offset}: ${d.reason}`);
  return { header: journal.header, events: journal.events, skipped };
}

/**
 * A plain asciicast has no aisess session: its id comes from its bytes, so attaching the same
 * file twice yields the same record ids (and nothing doubles).
 */
function castHeader(path: string, bytes: Buffer, term: { cols: number; rows: number }, mtimeMs: number): JournalHeader {
  const id = `cast-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
  const first = bytes.subarray(0, Math.max(0, bytes.indexOf(10))).toString('utf8');
  let timestamp: unknown;
  try {
    timestamp = (JSON.parse(first) as { timestamp?: unknown }).timestamp;
  } catch {
    timestamp = undefined;
  }
  const startedAt = typeof timestamp === 'number' && timestamp > 0 ? Math.round(timestamp * 1000) : Math.round(mtimeMs);
  return {
    version: 3,
    term,
    timestamp: Math.floor(startedAt / 1000),
    aisess: { format: 1, id, agent: 'generic', argv: [basename(path)], cwd: dirname(path), pid: 0, startedAt, captureInput: false },
  };
}

async function magic(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return bytesRead === 4 ? buf.readUInt32LE(0) : 0;
  } finally {
    await fh.close();
  }
}
