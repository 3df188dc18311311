/**
 * The git side of a running session: watches the working tree and HEAD, journals what it sees,
 * and binds commits as they land. Everything starts after the agent is spawned and never throws
 * into the pty loop: problems end up as one warning, the agent keeps running.
 */
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { LiveBinder } from '../bind/live.js';
import type { Repo } from '../git/repo.js';
import type { Recording } from '../store/recording.js';
import { AisessCode } from '../journal/events.js';
import type { SeenCommit } from '../watch/head.js';
import type { WorktreeChange } from '../watch/worktree.js';
import type { PreSession } from '../watch/pre-session.js';
import { TRANSCRIPT_POLL_MS } from '../agents/follow.js';
import { ownNodeEnv } from '../os/node-env.js';
import { pidExists } from '../os/process.js';

export interface LiveSessionOptions {
  recording: Recording;
  cwd: string;
  /** When the agent was spawned (epoch ms): a file written since is the session's, not baseline. */
  spawnedAt: number;
  /** What the dirty tracked files held before the spawn (null: not a repository, or git failed). */
  beforeSpawn?: PreSession | null;
  /** Reads the agent's transcript as far as it is written now (its follower otherwise polls). */
  syncTranscript?: () => Promise<void>;
  /** One line for the user, shown after the session (the agent's screen is not disturbed). */
  notice: (message: string) => void;
  onWarning: (message: string) => void;
}

export interface LiveSession {
  /** Before the journal closes: a last look at the tree and HEAD, so late changes are journalled. */
  settle(): Promise<void>;
  /** After the journal closes: lets the binder finish and drops the pending mark if nothing waits. */
  finish(): Promise<void>;
}

/** How long after a commit the agent's transcript is read for it (its lines come a moment late). */
const TRANSCRIPT_SETTLE_MS = 100;

const idle: LiveSession = { settle: async () => {}, finish: async () => {} };

export function startLiveSession(opts: LiveSessionOptions): LiveSession {
  let warned = false;
  const warnOnce = (err: unknown) => {
    if (warned) return;
    warned = true;
    opts.onWarning(`binding commits is off for this session: ${err instanceof Error ? err.message : String(err)}`);
  };
  const started = start(opts, warnOnce).catch((err: unknown) => {
    warnOnce(err);
    return idle;
  });
  return {
    settle: async () => (await started).settle().catch(warnOnce),
    finish: async () => (await started).finish().catch(warnOnce),
  };
}

async function start(opts: LiveSessionOptions, onError: (err: unknown) => void): Promise<LiveSession> {
  const { openRepo } = await import('../git/repo.js');
  const repo = await openRepo(opts.cwd).catch(() => null);
  if (!repo || repo.workTree === null) return idle;
  // Where this worktree's reflog stood at the start: commits after it are the ones to bind.
  const headLog = import('../bind/reflog.js').then(({ headLogSize }) => headLogSize(repo));
  const [{ ensureInit, storeDirOf }, { watchWorktree }, { watchHead }, { unseenByCommit }, { gitRunner }, { blobsDir, KEPT_BLOB_BYTES }] = await Promise.all([
    import('../hooks/init.js'),
    import('../watch/worktree.js'),
    import('../watch/head.js'),
    import('../watch/unseen.js'),
    import('../watch/run-git.js'),
    import('../store/blobs-dir.js'),
  ]);
  const init = await ensureInit(repo, runtime()).catch((err: unknown) => {
    onError(err);
    return { installed: false };
  });
  if ('notice' in init && init.notice) opts.notice(init.notice);
  // Commits of earlier sessions whose hooks never ran (absent, failed, node missing) are bound now, aside.
  const { listPending } = await import('../bind/pending-file.js');
  if ((await listPending(storeDirOf(repo))).length) void bindInChild(repo.workTree, storeDirOf(repo), null, null).catch(onError);
  const { recording } = opts;
  const workTree = repo.workTree;
  /** The last content journalled per path: what the session knows the working tree holds. */
  const journalled = new Map<string, string | null>();
  /** `seenAt` (epoch ms): when the watcher was first triggered for it, journalled as `ago` (src/segment/order.ts). */
  const journalChanges = (changes: WorktreeChange[], baseline?: { headLog?: number }, seenAt?: number) => {
    for (const c of changes) journalled.set(c.path, c.blob);
    recording.event(AisessCode.worktree, {
      ...(baseline && { baseline: true, ...(baseline.headLog !== undefined && { headLog: baseline.headLog }) }),
      paths: changes.map((c) => ({
        path: c.path, blob: c.blob, status: c.status ?? (c.blob ? 'modified' : 'deleted'),
        ...(c.before !== undefined && { before: c.before }), ...(c.mtime !== undefined && { mtime: Math.round(c.mtime) }),
      })),
      ...(seenAt !== undefined && { ago: Math.round(Date.now() - seenAt) / 1000 }),
    });
  };
  // git refuses an object directory that does not exist: without one, changes bind as whole blobs.
  const objectsDir = blobsDir(storeDirOf(repo));
  /** The warm binder this session started (its pid), once it asked for one. */
  let warmOnce: Promise<number | null> | undefined;
  const kept = await mkdir(objectsDir, { recursive: true }).then(() => true, () => false);
  const keep = kept ? { objectsDir, maxBytes: KEPT_BLOB_BYTES } : undefined;
  const tree = watchWorktree({
    root: repo.workTree,
    ...(keep && { keep }),
    onError,
    onChange: (changes, seenAt) => {
      journalChanges(changes, undefined, seenAt);
      binder.onWorktree(changes);
      // Something to bind now: a warm binder loads meanwhile, for this session's commits and the hooks'.
      warmOnce ??= keepWarm(repo, storeDirOf(repo));
    },
  });
  // Its pending mark names the session: written only once the recording wrote the session's
  // metadata, or a binder of another process could take the mark for a deleted session's.
  const binder = lazyBinder(onError, async () => (await Promise.all([import('../bind/live.js'), recording.ready]))[0].createLiveBinder({
    repo,
    store: { dir: storeDirOf(repo) },
    sessionId: recording.id,
    onError,
    bind: async (commit, flushedAt) => bindOwn(repo.workTree ?? opts.cwd, storeDirOf(repo), commit, recording.id, flushedAt, commit === null ? await warmOnce : null),
    flushJournal: async () => {
      // Changes are attributed through the agent's transcript: lines the agent writes a moment
      // after the commit (a tool call's) are read too, then the transcript as it is now. Without
      // a follower to ask, the next two polls of it.
      if (opts.syncTranscript) {
        await new Promise((resolve) => setTimeout(resolve, TRANSCRIPT_SETTLE_MS));
        await opts.syncTranscript();
      } else {
        await new Promise((resolve) => setTimeout(resolve, TRANSCRIPT_POLL_MS + 50));
      }
      await tree.flush();
      await recording.flush();
    },
  }));
  const run = gitRunner(workTree);
  // In order, one at a time: a commit's unseen changes are journalled before the commit itself.
  let commits: Promise<void> = Promise.resolve();
  const onCommit = async (commit: SeenCommit): Promise<void> => {
    // Only a commit made in this working tree can hold what the session changed here.
    const here = commit.worktree !== null && samePath(commit.worktree, workTree);
    if (here) {
      await tree.flush();
      const unseen = await unseenByCommit(run, workTree, commit, journalled).catch((err: unknown) => {
        onError(err);
        return [];
      });
      if (unseen.length) {
        journalChanges(unseen);
        binder.onWorktree(unseen);
      }
    }
    recording.event(AisessCode.commit, commit);
    if (here) binder.onCommit(commit);
  };
  const head = watchHead({
    cwd: workTree,
    commonDir: repo.commonDir,
    onError,
    onCommit: (commit) => {
      commits = commits.then(() => onCommit(commit)).catch(onError);
    },
  });
  tree.start();
  head.start();
  const [{ splitSnapshot }, { hashBytes }] = await Promise.all([import('../watch/baseline.js'), import('../watch/blobs.js')]);
  const before = opts.beforeSpawn ? { files: opts.beforeSpawn, hash: (path: string, bytes: Buffer) => hashBytes(run, path, bytes, keep) } : undefined;
  const snapshot = await splitSnapshot(workTree, await tree.snapshot(), opts.spawnedAt, before);
  // The bytes kept from before the spawn are of no use after the snapshot (a session can last hours).
  opts.beforeSpawn?.clear();
  journalChanges(snapshot.baseline, { headLog: await headLog });
  if (snapshot.changed.length) {
    // Said with when each happened: a fast agent's prompt, read later, must still come before them.
    for (const c of snapshot.changed) journalChanges([c], undefined, c.mtime);
    binder.onWorktree(snapshot.changed);
    warmOnce ??= keepWarm(repo, storeDirOf(repo));
  }
  return {
    async settle() {
      await Promise.all([tree.flush(), head.flush()]);
      await commits;
      tree.stop();
      head.stop();
    },
    async finish() {
      await binder.finish();
      // The user's next commits most likely come now, after the session: if any waits for one.
      // Not a second one while the one this session started is still starting (or serving).
      const started = await warmOnce;
      if (!started || !pidExists(started)) await keepWarm(repo, storeDirOf(repo), { ifPending: true });
    },
  };
}

/**
 * Starts the store's warm binder (src/bind/warm.ts) unless one runs: it binds this session's commits
 * and, after it, the hooks' without node's start-up each time. Only where the hooks are installed
 * (they hand it the commits after the session). Only a speed-up: if it cannot start, commits bind
 * cold as before, so a failure here is not the session's.
 */
async function keepWarm(repo: Repo, storeDir: string, opts: { ifPending?: boolean } = {}): Promise<number | null> {
  try {
    const [{ readAisessConfig }, { readManifest }, { listPending }, { startWarm }] = await Promise.all([
      import('../config/aisess-config.js'), import('../hooks/init.js'), import('../bind/pending-file.js'), import('../bind/warm.js'),
    ]);
    if (!repo.workTree || (await readAisessConfig(repo.git)).config.warmBinderMs <= 0 || !(await readManifest(storeDir))) return null;
    if (opts.ifPending && (await listPending(storeDir)).length === 0) return null;
    return await startWarm(storeDir, repo.workTree, runtime());
  } catch {
    // Cold binding stays (bindOwn falls back to a child of its own).
    return null;
  }
}

/**
 * bind/live.js brings the segmenter and the journal reader (zstd): loading them at start stalled
 * the first keystrokes of a session. It loads on the first change or commit instead; calls keep
 * their order. Nothing seen: nothing to finish.
 */
function lazyBinder(onError: (err: unknown) => void, load: () => Promise<LiveBinder>): LiveBinder {
  let loaded: Promise<LiveBinder> | undefined;
  const later = (call: (binder: LiveBinder) => void): void => {
    loaded ??= load();
    loaded.then(call).catch(onError);
  };
  return {
    onWorktree: (changes) => later((b) => b.onWorktree(changes)),
    onCommit: (info) => later((b) => b.onCommit(info)),
    finish: async () => {
      if (loaded) await (await loaded).finish();
    },
  };
}

/** A bind of this session (a commit's, or null: the last): by the warm binder when one serves (or, the last, is starting), else by a child of its own. */
async function bindOwn(cwd: string, storeDir: string, commit: string | null, session: string, flushedAt?: number, starting?: number | null): Promise<void> {
  const { bindWarm } = await import('../bind/warm.js');
  if (await bindWarm(storeDir, { commit, worktree: cwd, session, transcriptAt: flushedAt ?? 0 }, starting).catch(() => false)) return;
  await bindInChild(cwd, storeDir, commit, session, flushedAt);
}

/**
 * Binding renders and redacts the segment: a child process keeps that work off the pty loop. A
 * commit's bind is waited for (commits bind in order); the last one, after the session, is not:
 * aisess exits at once and readers wait for its in-flight mark instead.
 */
async function bindInChild(cwd: string, storeDir: string, commit: string | null, session: string | null, flushedAt?: number): Promise<void> {
  const { node, cli } = runtime();
  const { markInFlight } = await import('../bind/in-flight.js');
  const args = [
    cli, 'hook', 'bind', ...(commit ? [commit] : []), ...(session ? ['--session', session] : []),
    ...(flushedAt !== undefined ? ['--transcript-at', String(flushedAt)] : []),
  ];
  const child = spawn(node, args, { cwd, env: ownNodeEnv(process.env), stdio: 'ignore', detached: commit === null });
  // Listened to before anything is awaited: a child that ended meanwhile would never be heard of,
  // and every later commit of the session would wait behind this one.
  const ended = new Promise<void>((resolve) => {
    child.on('error', () => resolve());
    child.on('exit', () => resolve());
  });
  const unmark = child.pid ? await markInFlight(storeDir, child.pid) : async () => {};
  if (commit === null) {
    child.unref();
    return;
  }
  await ended;
  await unmark();
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  return a === b || real(a) === real(b);
}

/** The hooks call this same CLI by absolute path, so they work from IDEs without the user's PATH. */
function runtime(): { node: string; cli: string } {
  return { node: process.execPath, cli: realpathSync(process.argv[1] ?? '') };
}
