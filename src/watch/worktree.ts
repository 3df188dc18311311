/**
 * Worktree watcher: reports, within about a second, which working-tree files changed and to
 * what content (git blob ids), cheaply on large repositories. A trigger hints, git decides,
 * a backing-off poll catches what the trigger drops. Never throws into the caller's loop.
 */
import { dirname } from 'node:path';
import type { GitRunner } from '../git/runner.js';
import { gitRunner, watchRun } from './run-git.js';
import { objectFormat, type BlobKeeper } from './blobs.js';
import { Scanner, SETTLE_MS, type WorktreeChange } from './scan.js';
import { Coalescer } from './schedule.js';
import { createTrigger } from './trigger.js';
import type { Trigger, TriggerKind } from './trigger-contract.js';

export type { WorktreeChange, ChangeStatus } from './scan.js';
export type { TriggerKind } from './trigger-contract.js';

export interface WorktreeWatcherOptions {
  /** Top of the working tree (`git rev-parse --show-toplevel`), linked worktrees included. */
  root: string;
  onChange: (changes: WorktreeChange[], at: number) => void;
  onError?: (err: unknown) => void;
  /** The shared git runner (src/git/runner.ts); one for the directory is made when omitted. */
  git?: GitRunner;
  trigger?: TriggerKind;
  /** Extra paths to leave out (relative, '/'-separated), e.g. aisess's own store. */
  ignore?: (path: string) => boolean;
  /** Keep the content of what it hashes readable for the binder (src/watch/blobs.ts). */
  keep?: BlobKeeper;
  debounceMs?: number;
  maxWaitMs?: number;
  pollMs?: number;
  maxPollMs?: number;
  untrackedCache?: boolean;
  now?: () => number;
}

export interface WorktreeWatcher {
  /** Returns at once; the first scan (the snapshot) runs in the background. */
  start(): void;
  /** What was already dirty when watching started: not the agent's changes. */
  snapshot(): Promise<WorktreeChange[]>;
  /** Runs a scan now and resolves when it has been reported (e.g. before binding a commit). */
  flush(): Promise<void>;
  stop(): void;
}

/** Rounds of SETTLE_MS a flush waits for held-back files: longer than the scanner ever holds one. */
const FLUSH_ROUNDS = 20;

// Nested repositories show up as "dir/" entries: a directory has no blob of its own.
const builtinIgnore = (p: string) => p === '.git' || p.startsWith('.git/') || p.endsWith('/');

function dirsOf(paths: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  for (let p of paths) {
    while ((p = dirname(p)) !== '.' && !dirs.has(p)) dirs.add(p);
  }
  return dirs;
}

export function watchWorktree(opts: WorktreeWatcherOptions): WorktreeWatcher {
  const now = opts.now ?? Date.now;
  const run = opts.git ? watchRun(opts.git) : gitRunner(opts.root);
  const onError = (err: unknown) => {
    try {
      opts.onError?.(err);
    } catch {}
  };
  let scanner: Scanner | undefined;
  let firstFire: number | undefined;
  let resolveSnapshot!: (c: WorktreeChange[]) => void;
  const initial = new Promise<WorktreeChange[]>((r) => (resolveSnapshot = r));

  async function makeScanner(): Promise<Scanner> {
    const ignore = (p: string) => builtinIgnore(p) || (opts.ignore?.(p) ?? false);
    return new Scanner({ root: opts.root, run, ignore, algo: await objectFormat(run), untrackedCache: opts.untrackedCache ?? false, keep: opts.keep, now });
  }

  async function scanOnce(): Promise<boolean> {
    const at = Math.min(firstFire ?? Infinity, now());
    firstFire = undefined;
    const first = !scanner;
    scanner ??= await makeScanner();
    const changes = await scanner.scan().catch((err) => {
      if (first) resolveSnapshot([]);
      throw err;
    });
    trigger.saw(dirsOf(scanner.dirty().keys()));
    if (first) resolveSnapshot(changes);
    else if (changes.length) opts.onChange(changes, at);
    if (scanner.unsettled) {
      // What was held back keeps the time it was first noticed.
      firstFire = Math.min(firstFire ?? Infinity, at);
      coalescer.trigger();
    }
    return changes.length > 0 || scanner.unsettled;
  }

  /** Scans until nothing is held back as half-written (the scanner reports it within MAX_HOLD_MS). */
  async function flush(): Promise<void> {
    await coalescer.run();
    for (let round = 0; scanner?.unsettled && round < FLUSH_ROUNDS; round++) {
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      await coalescer.run();
    }
  }

  const coalescer = new Coalescer(
    scanOnce,
    { debounceMs: opts.debounceMs ?? 150, maxWaitMs: opts.maxWaitMs ?? 1000, pollMs: opts.pollMs ?? 2000, maxPollMs: opts.maxPollMs ?? 8000 },
    onError,
    now,
  );
  const fire = () => {
    firstFire ??= now();
    coalescer.trigger();
  };
  const trigger: Trigger = createTrigger(opts.trigger ?? 'dirs', { root: opts.root, run, fire, onError });

  return {
    start() {
      coalescer.start();
      setImmediate(() => void coalescer.run()).unref();
      trigger.start();
    },
    snapshot: () => initial,
    flush,
    stop() {
      coalescer.stop();
      trigger.stop();
      resolveSnapshot([]);
    },
  };
}
