/** What a worktree trigger is: started, told where dirt was seen, stopped; it fires, git says what changed. */
import type { GitRun } from './run-git.js';

export type TriggerKind = 'dirs' | 'worker' | 'recursive' | 'poll';

export interface Trigger {
  /** Returns at once; any expensive setup happens off the caller's tick. */
  start(): void;
  /** Directories the latest scan found dirty paths in (dirs variant watches them). */
  saw(dirs: Iterable<string>): void;
  stop(): void;
}

export interface TriggerContext {
  root: string;
  run: GitRun;
  fire: () => void;
  onError: (err: unknown) => void;
}
