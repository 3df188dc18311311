/**
 * The live side for `aisess run`: the session journals its worktree and commit events itself; this
 * marks the session pending on its first change and binds each commit it sees through the same
 * binder the hooks use. Never throws into the shim: problems go to onError.
 */
import type { Repo } from '../git/repo.js';
import type { BindResult } from './binder.js';
import { bindLockPath, withLock } from './lock.js';
import { markPending, readPending, removePending } from './pending-file.js';
import { pendingChanges } from '../segment/pending.js';
import { loadSession } from './session-source.js';

export interface LiveBinderOptions {
  repo: Repo;
  store: { dir: string };
  sessionId: string;
  /** Makes the journal hold every event so far (e.g. the journal writer's flush). */
  flushJournal?: () => Promise<void>;
  onError?: (err: unknown) => void;
  onBound?: (result: BindResult) => void;
  now?: () => number;
  /**
   * Binds one commit for this session. Defaults to binding in this process; `aisess run` binds in
   * a child process instead, so rendering and redacting a large segment never stalls the pty.
   */
  bind?: (commit: string) => Promise<BindResult | null>;
}

export interface LiveBinder {
  /** Call after journaling an `aisess.worktree` event (not for the baseline snapshot). */
  onWorktree(changes: readonly { path: string }[], at?: number): void;
  /** Call after journaling an `aisess.commit` event. */
  onCommit(info: { commit: string }): void;
  /** After the journal is closed: waits for pending work and drops the pending file if nothing waits. */
  finish(): Promise<void>;
}

export function createLiveBinder(opts: LiveBinderOptions): LiveBinder {
  const now = opts.now ?? Date.now;
  let chain: Promise<void> = Promise.resolve();
  let marked = false;
  const queue = (task: () => Promise<void>): void => {
    chain = chain.then(task).catch((err: unknown) => {
      try {
        opts.onError?.(err);
      } catch {}
    });
  };
  return {
    onWorktree(changes) {
      if (marked || changes.length === 0) return;
      marked = true;
      queue(() => markPending(opts.store.dir, opts.sessionId, opts.repo.workTree, now()));
    },
    onCommit({ commit }) {
      queue(async () => {
        await opts.flushJournal?.();
        const result = opts.bind
          ? await opts.bind(commit)
          : await (await import('./binder.js')).bindCommit(opts.repo, opts.store, commit, { sessions: [opts.sessionId], now });
        if (result?.bound.length) opts.onBound?.(result);
      });
    },
    async finish() {
      queue(() => dropIfSettled(opts.store.dir, opts.sessionId));
      await chain;
    },
  };
}

/** A finished session with nothing waiting needs no pending file (the hook's fast path stays fast). */
export async function dropIfSettled(storeDir: string, id: string): Promise<void> {
  await withLock(bindLockPath(storeDir), async () => {
    const file = await readPending(storeDir, id);
    if (!file) return;
    const session = await loadSession(storeDir, id);
    if (!session || (!session.live && pendingChanges(session.segments, file.ledger).length === 0)) {
      await removePending(storeDir, id);
    }
  });
}
