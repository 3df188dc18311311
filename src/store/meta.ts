/** A session's metadata file `<store>/sessions/<id>.json`, written atomically (temp file + rename). */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../os/atomic-write.js';
import type { ExitStatus } from '../journal/events.js';
import type { Owner } from './owner.js';

export type SessionStatus = 'running' | 'finished' | 'recovered' | 'damaged';

export interface SessionMeta {
  format: 1;
  id: string;
  agent: string;
  argv: string[];
  cwd: string;
  /** The recording process (aisess itself), to tell a live session from a stale one. */
  owner: Owner;
  /** Unix epoch milliseconds. */
  startedAt: number;
  endedAt: number | null;
  status: SessionStatus;
  exit: ExitStatus | null;
  /** Compressed size of the journal file. */
  bytes: number;
  /** Events after the header (set when the session ends or is recovered). */
  events: number;
  /** Seconds from start to the last event. */
  duration: number;
  /** Journal file name, relative to the sessions directory. */
  journal: string;
  /** What was found unreadable, when status is 'damaged'. */
  damage?: string;
}

export function sessionsDir(storeDir: string): string {
  return join(storeDir, 'sessions');
}

export function metaPath(storeDir: string, id: string): string {
  return join(sessionsDir(storeDir), `${id}.json`);
}

export function journalFileName(id: string): string {
  return `${id}.cast.zst`;
}

export async function writeMeta(storeDir: string, meta: SessionMeta): Promise<void> {
  await writeFileAtomic(metaPath(storeDir, meta.id), `${JSON.stringify(meta, null, 2)}\n`);
}

/** Reads one metadata file; null when it is missing or not a sound session's metadata (see inspectMeta). */
export async function readMeta(path: string): Promise<SessionMeta | null> {
  const found = await inspectMeta(path);
  return found && 'meta' in found ? found.meta : null;
}

/** A metadata file as found: sound, or what is wrong with it; null when there is no such file. */
export type MetaFile = { meta: SessionMeta } | { problem: string };

/**
 * Reads and checks one metadata file. Anything written by hand, a crash or another version may be
 * in it: unparsable, a field missing or of the wrong type, or 'running' with no owner to tell a live
 * recorder from a dead one. Such a file is reported, never trusted and never changed here.
 */
export async function inspectMeta(path: string): Promise<MetaFile | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return { problem: `cannot be read (${code ?? (err as Error).message})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: text.trim() === '' ? 'empty file' : 'not valid JSON' };
  }
  const problem = metaProblem(value, basename(path, '.json'));
  return problem ? { problem } : { meta: value as SessionMeta };
}

const STATUSES: readonly string[] = ['running', 'finished', 'recovered', 'damaged'] satisfies SessionStatus[];

/** What makes `value` unusable as the metadata of session `id` (its file name), or null when it is sound. */
export function metaProblem(value: unknown, id: string): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const m = value as Record<string, unknown>;
  if (m.format !== 1) return m.format === undefined ? 'no format' : typeof m.format === 'number' ? `unsupported format ${m.format}` : 'invalid format';
  const missing: string[] = ['id', 'agent', 'cwd', 'journal'].filter((k) => typeof m[k] !== 'string' || m[k] === '');
  missing.push(...['startedAt', 'bytes', 'events', 'duration'].filter((k) => typeof m[k] !== 'number' || !Number.isFinite(m[k])));
  if (!Array.isArray(m.argv) || !m.argv.every((a) => typeof a === 'string')) missing.push('argv');
  if (m.endedAt !== null && (typeof m.endedAt !== 'number' || !Number.isFinite(m.endedAt))) missing.push('endedAt');
  if (m.exit !== null && (typeof m.exit !== 'object' || Array.isArray(m.exit))) missing.push('exit');
  if (typeof m.status !== 'string' || !STATUSES.includes(m.status)) missing.push('status');
  if (missing.length) return `missing or invalid ${missing.length === 1 ? 'field' : 'fields'} ${missing.join(', ')}`;
  if (m.id !== id) return "its id is not its file name's";
  if (basename(m.journal as string) !== m.journal) return 'its journal is not a plain file name';
  if (m.status === 'running' && !isOwner(m.owner)) return "status 'running' with no valid owner";
  return null;
}

function isOwner(o: unknown): o is Owner {
  if (typeof o !== 'object' || o === null) return false;
  const { pid, host, bootId, procStart } = o as Record<string, unknown>;
  return Number.isInteger(pid) && (pid as number) > 0 && typeof host === 'string'
    && (bootId === null || typeof bootId === 'string') && (procStart === null || typeof procStart === 'string');
}
