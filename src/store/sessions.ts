/** Listing and finding recorded sessions in a store. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../cli/errors.js';
import { readMeta, sessionsDir, type SessionMeta } from './meta.js';

export type { SessionMeta, SessionStatus } from './meta.js';

/** Every session's metadata, unordered; a missing store is simply empty. */
export async function readAllMeta(storeDir: string): Promise<SessionMeta[]> {
  const dir = sessionsDir(storeDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const metas = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => readMeta(join(dir, n))));
  return metas.filter((m): m is SessionMeta => m !== null);
}

/** Newest first. */
export async function listSessions(store: { dir: string }): Promise<SessionMeta[]> {
  const metas = await readAllMeta(store.dir);
  return metas.sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** A session by full id or unique prefix; UserError (notFound, or usage when ambiguous) otherwise. */
export async function findSession(store: { dir: string }, idOrPrefix: string): Promise<SessionMeta> {
  const all = await listSessions(store);
  const exact = all.find((m) => m.id === idOrPrefix);
  if (exact) return exact;
  const matches = idOrPrefix === '' ? [] : all.filter((m) => m.id.startsWith(idOrPrefix));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new UserError(`no session '${idOrPrefix}'`, { code: 'notFound', hint: 'run `aisess sessions` to list the recorded sessions' });
  }
  const shown = matches.slice(0, 5).map((m) => m.id).join(', ');
  throw new UserError(`session id '${idOrPrefix}' is ambiguous: ${shown}${matches.length > 5 ? ', …' : ''}`, {
    code: 'usage',
    hint: 'give more characters of the id',
  });
}

/** The newest session; UserError notFound when none was recorded. */
export async function lastSession(store: { dir: string }): Promise<SessionMeta> {
  const [newest] = await listSessions(store);
  if (!newest) throw new UserError('no session recorded yet', { code: 'notFound', hint: 'record one with `aisess run <agent>`' });
  return newest;
}

export function journalPath(store: { dir: string }, meta: SessionMeta): string {
  return join(sessionsDir(store.dir), meta.journal);
}
