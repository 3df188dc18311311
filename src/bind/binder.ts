/**
 * The one binding path, used by a live session, the git hooks and `aisess status` alike: for each
 * session the store marks pending, look at the commits made in its working tree since it started
 * (src/bind/session-binder.ts) and write what they hold. Serialised by a lock file. A session that
 * cannot be bound (journal unreadable, bad config, git failing) keeps its pending mark and its
 * failure is recorded for `aisess status`: the next run tries again, nothing is dropped.
 */
import { existsSync } from 'node:fs';
import { ConfigError, readAisessConfig } from '../config/aisess-config.js';
import { isUserError } from '../errors/user-error.js';
import { openRepo, type Repo } from '../git/repo.js';
import { recordFailures, type BindFailure } from './failures.js';
import { withBindLock } from './bind-lock.js';
import { defaultNotes, type NotesPort } from './notes-port.js';
import { commitInfo } from './git-facts.js';
import { readLedger, writeLedger } from './ledger-file.js';
import { listPending, removePending, startingUp, writePending, type PendingFile } from './pending-file.js';
import { commitsMadeSince } from './reflog.js';
import { metaPath, readMeta } from '../store/meta.js';
import { isOwnerAlive } from '../store/owner.js';
import { pruneKeptBlobs } from './prune-blobs.js';
import { RecordWriter } from './record-writer.js';
import { bindSessionRun } from './session-binder.js';
import { loadSession } from './session-source.js';

export interface BindOptions {
  /** Commits made in this working tree to look at besides what its reflog lists (full ids). */
  commits?: readonly string[];
  /** Only these sessions (a live session binds its own); default: every pending session. */
  sessions?: readonly string[];
  /** A rewrite's new commits (post-rewrite): copies it carried there are checked again. */
  rewritten?: readonly string[];
  /** aisess run binding its own session: when its journal was flushed (epoch ms), transcript included. */
  transcriptAt?: number;
  now?: () => number;
  notes?: NotesPort;
}

export interface BindResult {
  commit: string;
  bound: { session: string; segments: number[] }[];
}

export interface BindReport {
  results: BindResult[];
  failures: BindFailure[];
}

/** A session that ended stays marked this long after its last bind: an amend or a reset may still move what it bound. */
export const RECENT_MS = 24 * 60 * 60 * 1000;

export async function bindPending(repo: Repo, store: { dir: string }, opts: BindOptions = {}): Promise<BindReport> {
  const wanted = (await listPending(store.dir)).filter((f) => !opts.sessions || opts.sessions.includes(f.session));
  if (wanted.length === 0) return { results: [], failures: [] };
  if (!opts.sessions && opts.commits?.length) await whileLiveBinds(repo, store.dir, wanted, opts.commits);
  return withBindLock(store.dir, async () => {
    const now = (opts.now ?? Date.now)();
    const notes = opts.notes ?? (await defaultNotes());
    const { config, problems } = await readAisessConfig(repo.git);
    // A config value the binder cannot read fails every session's bind (recorded, shown by status): nothing is dropped.
    const bad = problems[0] && new ConfigError(problems[0]);
    const expiryMs = config.pendingExpiryMs;
    const repos = new Map<string, Promise<Repo | null>>();
    const results = new Map<string, BindResult>();
    const failures: BindFailure[] = [];
    for (const file of wanted) {
      const here = !file.worktree || file.worktree === repo.workTree;
      try {
        if (bad) throw bad;
        const target = here ? repo : await repoOf(repos, file.worktree!);
        if (!target) {
          await removePending(store.dir, file.session);
          continue;
        }
        const writer = new RecordWriter(target, notes, now, config);
        const outcome = await bindOne(target, store.dir, file, writer, now, expiryMs, here ? opts : {});
        for (const b of outcome) addResult(results, b.commit, file.session, b.segments);
      } catch (err) {
        failures.push({ at: now, session: file.session, message: failureMessage(err) });
      }
    }
    await recordFailures(store.dir, wanted.map((f) => f.session), failures);
    await pruneKeptBlobs(store.dir, expiryMs, now);
    return { results: [...results.values()], failures };
  });
}

/** What status shows for a failed bind: a user error keeps its hint (how to repair it). */
function failureMessage(err: unknown): string {
  if (isUserError(err) && err.hint) return `${err.message} (${err.hint})`;
  return err instanceof Error ? err.message : String(err);
}

/** Binds one commit (the hook's, the live watcher's) and whatever the reflog shows was missed before it. */
export async function bindCommit(repo: Repo, store: { dir: string }, commit: string, opts: BindOptions = {}): Promise<BindResult> {
  const id = (await repo.git.run(['rev-parse', '--verify', '--end-of-options', `${commit}^{commit}`])).stdout.trim();
  const report = await bindPending(repo, store, { ...opts, commits: [...(opts.commits ?? []), id] });
  if (report.failures.length) throw new Error(report.failures.map((f) => `session ${f.session}: ${f.message}`).join('; '));
  return report.results.find((r) => r.commit === id) ?? { commit: id, bound: [] };
}

async function bindOne(
  repo: Repo, storeDir: string, file: PendingFile, writer: RecordWriter, now: number, expiryMs: number, opts: BindOptions,
): Promise<{ commit: string; segments: number[] }[]> {
  if (await untouched(repo, storeDir, file, opts)) {
    if (now - file.updatedAt >= RECENT_MS) await removePending(storeDir, file.session);
    return [];
  }
  const own = opts.sessions?.includes(file.session) ?? false;
  const load = await loadSession(storeDir, file.session, now, own ? opts.transcriptAt : undefined);
  if (!load.ok) {
    // An unreadable session waits to be repaired; one deleted on purpose has nothing left to bind.
    if (!load.missing) throw new Error(load.reason);
    if (!startingUp(file, now)) await removePending(storeDir, file.session);
    return [];
  }
  // A running session binds its own commits (it knows how far its transcript is read); a hook or
  // `aisess status` binding it too would judge its newest changes on a guess.
  if (load.session.live && !own) return [];
  const outcome = await bindSessionRun({
    repo, storeDir, session: load.session, writer, hints: opts.commits ?? [], rewritten: opts.rewritten ?? [], now, expiryMs,
  });
  const s = load.session;
  const active = s.live || outcome.waiting > 0 || outcome.bound.length > 0 || now - file.updatedAt < RECENT_MS;
  const idle = !s.live && outcome.waiting === 0
    ? { paths: [...new Set(s.segments.flatMap((g) => g.changes.map((c) => c.path)))], startedAt: s.header.aisess.startedAt, ...(s.headLog !== undefined && { headLog: s.headLog }) }
    : undefined;
  const { idle: _, ...rest } = file;
  if (!active) await removePending(storeDir, file.session);
  else if (outcome.bound.length > 0 || JSON.stringify(idle) !== JSON.stringify(file.idle)) {
    await writePending(storeDir, { ...rest, ...(outcome.bound.length > 0 && { updatedAt: now }), ...(idle && { idle }) });
  }
  return outcome.bound;
}

/** How long a hook's binder waits for a running session to bind the hook's commit itself. */
const LIVE_WAIT_MS = 5000;

/**
 * A running session binds the commits of its working tree itself; the hook's binder of such a commit
 * waits (outside the lock, which that bind needs) until the session's ledger says it looked at it,
 * so that the hook's in-flight mark keeps `aisess show` waiting for the note meanwhile.
 */
async function whileLiveBinds(repo: Repo, storeDir: string, files: readonly PendingFile[], commits: readonly string[]): Promise<void> {
  const deadline = Date.now() + LIVE_WAIT_MS;
  for (const file of files) {
    if (file.worktree && file.worktree !== repo.workTree) continue;
    const meta = await readMeta(metaPath(storeDir, file.session));
    if (meta?.status !== 'running' || !(await isOwnerAlive(meta.owner))) continue;
    while (Date.now() < deadline) {
      const read = await readLedger(storeDir, file.session);
      if ('ledger' in read && commits.every((c) => read.ledger.evaluated.includes(c))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * An ended session with nothing waiting, and new commits that touch none of its paths: they are
 * marked looked at without reading its journal (a busy repository keeps many recent sessions).
 * A rewrite always gets the full look (copies of its records may need removing).
 */
async function untouched(repo: Repo, storeDir: string, file: PendingFile, opts: BindOptions): Promise<boolean> {
  if (!file.idle || (opts.rewritten?.length ?? 0) > 0) return false;
  const read = await readLedger(storeDir, file.session);
  if ('damaged' in read) return false;
  const made = await commitsMadeSince(repo, { ms: file.idle.startedAt, headLog: file.idle.headLog });
  const seen = new Set(read.ledger.evaluated);
  const todo = [...new Set([...made.map((m) => m.commit), ...(opts.commits ?? [])])].filter((c) => !seen.has(c));
  const paths = new Set(file.idle.paths);
  for (const commit of todo) if ((await changedPaths(repo, commit)).some((p) => paths.has(p))) return false;
  if (todo.length) await writeLedger(storeDir, file.session, { ...read.ledger, evaluated: [...read.ledger.evaluated, ...todo] });
  return true;
}

const pathsCache = new WeakMap<Repo, Map<string, Promise<string[]>>>();

/** The paths a commit changed against its first parent (cached for the run: every session asks). */
function changedPaths(repo: Repo, commit: string): Promise<string[]> {
  let byCommit = pathsCache.get(repo);
  if (!byCommit) pathsCache.set(repo, (byCommit = new Map()));
  let paths = byCommit.get(commit);
  if (!paths) byCommit.set(commit, (paths = commitInfo(repo, commit).then((i) => [...i.view.paths.keys()])));
  return paths;
}

function addResult(results: Map<string, BindResult>, commit: string, session: string, segments: number[]): void {
  let r = results.get(commit);
  if (!r) results.set(commit, (r = { commit, bound: [] }));
  const entry = r.bound.find((b) => b.session === session);
  if (entry) entry.segments = [...new Set([...entry.segments, ...segments])].sort((a, b) => a - b);
  else r.bound.push({ session, segments });
}

/** A session of another linked worktree is bound from there; a worktree that is gone has no more commits. */
function repoOf(cache: Map<string, Promise<Repo | null>>, worktree: string): Promise<Repo | null> {
  let r = cache.get(worktree);
  if (!r) cache.set(worktree, (r = existsSync(worktree) ? openRepo(worktree).catch(() => null) : Promise.resolve(null)));
  return r;
}

