/** A session's metadata file `<store>/sessions/<id>.json`, written atomically (temp file + rename). */
import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  const path = metaPath(storeDir, meta.id);
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(meta, null, 2)}\n`);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}

/** Reads one metadata file; null when it is missing or not a session's metadata. */
export async function readMeta(path: string): Promise<SessionMeta | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<SessionMeta>;
    if (value.format !== 1 || typeof value.id !== 'string' || typeof value.startedAt !== 'number') return null;
    return value as SessionMeta;
  } catch {
    return null;
  }
}
