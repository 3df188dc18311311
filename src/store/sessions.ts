/** Listing and finding recorded sessions in a store. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { inspectMeta, journalFileName, sessionsDir, type SessionMeta } from './meta.js';

export type { SessionMeta, SessionStatus } from './meta.js';

/** A metadata file that cannot be used as it is: listed and named, never read as a session. */
export interface DamagedMeta {
  /** The file name without `.json`. */
  id: string;
  path: string;
  problem: string;
  /** The session's journal, when one with the id's name is there: nothing recorded is lost. */
  journal: string | null;
}

/** Every session's metadata file, sound or damaged, unordered; a missing store is simply empty. */
export async function readStoreSessions(storeDir: string): Promise<{ sessions: SessionMeta[]; damaged: DamagedMeta[] }> {
  const dir = sessionsDir(storeDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: [], damaged: [] };
    throw new UserError(`cannot read the sessions directory ${dir}: ${(err as Error).message}`, { kind: 'badData', cause: err });
  }
  const sessions: SessionMeta[] = [];
  const damaged: DamagedMeta[] = [];
  const files = names.filter((n) => n.endsWith('.json'));
  const found = await Promise.all(files.map((n) => inspectMeta(join(dir, n))));
  files.forEach((name, i) => {
    const f = found[i];
    if (!f) return;
    if ('meta' in f) {
      sessions.push(f.meta);
      return;
    }
    const id = name.slice(0, -'.json'.length);
    const journal = join(dir, journalFileName(id));
    damaged.push({ id, path: join(dir, name), problem: f.problem, journal: names.includes(journalFileName(id)) ? journal : null });
  });
  return { sessions, damaged };
}

/** Every sound session's metadata, unordered (damaged files left out: see readStoreSessions). */
export async function readAllMeta(storeDir: string): Promise<SessionMeta[]> {
  return (await readStoreSessions(storeDir)).sessions;
}

/** Damaged metadata files, by id. */
export async function listDamaged(store: { dir: string }): Promise<DamagedMeta[]> {
  return (await readStoreSessions(store.dir)).damaged.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The error for a session whose metadata file is damaged: what is wrong, and where its recording is. */
export function damagedError(d: DamagedMeta): UserError {
  return new UserError(`session '${d.id}' cannot be read: its metadata file ${d.path} is damaged (${d.problem})`, {
    kind: 'badData',
    hint: d.journal
      ? `its recording is kept in ${d.journal}: \`aisess replay ${d.journal}\` plays it`
      : 'no journal with its name is in the store',
  });
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
  const damaged = await listDamaged(store);
  const brokenExact = damaged.find((d) => d.id === idOrPrefix);
  if (brokenExact) throw damagedError(brokenExact);
  const sound = idOrPrefix === '' ? [] : all.filter((m) => m.id.startsWith(idOrPrefix));
  const broken = idOrPrefix === '' ? [] : damaged.filter((d) => d.id.startsWith(idOrPrefix));
  const matches: { id: string }[] = [...sound, ...broken];
  if (matches.length === 1) {
    if (sound.length === 1) return sound[0]!;
    throw damagedError(broken[0]!);
  }
  if (matches.length === 0) {
    throw new UserError(`no session '${idOrPrefix}'`, { kind: 'notFound', hint: 'run `aisess sessions` to list the recorded sessions' });
  }
  const shown = matches.slice(0, 5).map((m) => m.id).join(', ');
  throw new UserError(`session id '${idOrPrefix}' is ambiguous: ${shown}${matches.length > 5 ? ', …' : ''}`, {
    kind: 'usage',
    hint: 'give more characters of the id',
  });
}

/** The newest session; UserError notFound when none was recorded. */
export async function lastSession(store: { dir: string }): Promise<SessionMeta> {
  const [newest] = await listSessions(store);
  if (!newest) {
    const [broken] = await listDamaged(store);
    if (broken) throw damagedError(broken);
  }
  if (!newest) throw new UserError('no session recorded yet', { kind: 'notFound', hint: 'record one with `aisess run <agent>`' });
  return newest;
}

export function journalPath(store: { dir: string }, meta: SessionMeta): string {
  return join(sessionsDir(store.dir), meta.journal);
}
