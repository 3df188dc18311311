/**
 * The live side for `aisess run`: the session journals its worktree and commit events itself; this
 * marks the session pending on its first change and, for each commit it sees, runs the same binder
 * the hooks use (in a child process: rendering and redacting a large segment never stalls the pty).
 * When the session ends, one last run binds the turns' closing answers and settles what is gone.
 * Never throws into the shim: problems go to onError.
 */
import type { Repo } from '../git/repo.js';
import { markPending } from './pending-file.js';

export interface LiveBinderOptions {
  repo: Repo;
  store: { dir: string };
  sessionId: string;
  /** Makes the journal hold every event so far (e.g. the journal writer's flush). */
  flushJournal?: () => Promise<void>;
  onError?: (err: unknown) => void;
  now?: () => number;
  /** Binds this session: for a commit (waited for; flushedAt: when the journal was flushed), or finally with no commit (not waited for). */
  bind: (commit: string | null, flushedAt?: number) => Promise<void>;
}

export interface LiveBinder {
  /** Call after journaling an `aisess.worktree` event (not for the baseline snapshot). */
  onWorktree(changes: readonly { path: string }[]): void;
  /** Call after journaling an `aisess.commit` event. */
  onCommit(info: { commit: string }): void;
  /** After the journal is closed: the last bind of the session. */
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
        await opts.bind(commit, now());
      });
    },
    async finish() {
      if (marked) queue(() => opts.bind(null));
      await chain;
    },
  };
}
