/**
 * Git watcher: notices new commits while a session runs, whoever makes them (agent, another
 * terminal, amend, rebase, a linked worktree, detached HEAD) and reports each exactly once.
 * fs.watch on the git dirs is the trigger, a ~1 s poll the safety net, git the truth.
 */
import type { GitRunner } from '../git/runner.js';
import type { CommitData } from '../journal/event-data.js';
import { gitRunner, watchRun } from './run-git.js';
import { GitDirTrigger } from './gitdir-trigger.js';
import { readTips, type Position } from './refs.js';
import { Coalescer } from './schedule.js';

/** A commit seen while recording, as it is journalled (`aisess.commit`). */
export type SeenCommit = CommitData;

export interface HeadWatcherOptions {
  /** Any directory inside the repository (any of its worktrees). */
  cwd: string;
  onCommit: (commit: SeenCommit, at: number) => void;
  onError?: (err: unknown) => void;
  /** The shared git runner (src/git/runner.ts); one for the directory is made when omitted. */
  git?: GitRunner;
  pollMs?: number;
  maxPollMs?: number;
  /** fs.watch the git dirs for a prompt answer (default true); the poll runs regardless. */
  watchFs?: boolean;
  /** The repository's common git dir (absolute), when the caller knows it: else git is asked. */
  commonDir?: string;
  /** Most commits reported per moved tip (a pull of a long history is bounded). */
  maxPerTip?: number;
  now?: () => number;
}

export interface HeadWatcher {
  /** Returns at once; the known tips are read in the background (see ready()). */
  start(): void;
  /** Resolves once the starting tips are known: commits after this are reported. */
  ready(): Promise<void>;
  /** Checks now and resolves when anything found has been reported. */
  flush(): Promise<void>;
  stop(): void;
}

interface Meta {
  parents: string[];
  tree: string;
}

export function watchHead(opts: HeadWatcherOptions): HeadWatcher {
  const run = opts.git ? watchRun(opts.git) : gitRunner(opts.cwd);
  const now = opts.now ?? Date.now;
  const onError = (err: unknown) => {
    try {
      opts.onError?.(err);
    } catch {}
  };
  const known = new Set<string>();
  const reported = new Set<string>();
  const lastTip = new Map<string, string>();
  let trigger: GitDirTrigger | undefined;
  let started = false;
  let stopped = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  async function meta(oids: string[]): Promise<Map<string, Meta>> {
    const out = await run(['log', '--no-walk=unsorted', '--format=%H %T %P', '--stdin'], oids.join('\n') + '\n');
    return new Map(out.split('\n').filter(Boolean).map((l) => {
      const [c, t, ...p] = l.split(' ');
      return [c!, { tree: t!, parents: p }];
    }));
  }

  async function newCommits(tip: string): Promise<{ commit: string; meta: Meta }[]> {
    const input = [tip, ...[...known].map((k) => `^${k}`)].join('\n') + '\n';
    const out = await run(['log', '--reverse', `--max-count=${opts.maxPerTip ?? 1000}`, '--format=%H %T %P', '--stdin'], input);
    return out.split('\n').filter(Boolean).map((l) => {
      const [c, t, ...p] = l.split(' ');
      return { commit: c!, meta: { tree: t!, parents: p } };
    });
  }

  async function report(pos: Position, at: number): Promise<void> {
    const prev = lastTip.get(pos.key);
    const found = await newCommits(pos.oid);
    const prevMeta = prev && found.length ? (await meta([prev])).get(prev) : undefined;
    for (const { commit, meta: m } of found) {
      known.add(commit);
      if (reported.has(commit)) continue;
      reported.add(commit);
      const seen: SeenCommit = { commit, parents: m.parents, tree: m.tree, ref: pos.ref, worktree: pos.worktree };
      if (commit === pos.oid && prev && prevMeta && m.parents.join() === prevMeta.parents.join()) seen.amendOf = prev;
      opts.onCommit(seen, at);
    }
  }

  async function check(): Promise<boolean> {
    const at = now();
    const tips = await readTips(run);
    trigger?.refresh();
    if (!started) {
      started = true;
      for (const oid of tips.all) known.add(oid);
      for (const p of tips.positions) known.add(p.oid), lastTip.set(p.key, p.oid);
      resolveReady();
      return false;
    }
    const moved = tips.positions.filter((p) => !known.has(p.oid));
    for (const p of moved) if (!known.has(p.oid)) await report(p, at);
    for (const oid of tips.all) known.add(oid);
    for (const p of tips.positions) known.add(p.oid), lastTip.set(p.key, p.oid);
    return moved.length > 0;
  }

  const coalescer = new Coalescer(check, { debounceMs: 50, maxWaitMs: 500, pollMs: opts.pollMs ?? 1000, maxPollMs: opts.maxPollMs ?? 3000 }, onError, now);

  return {
    start() {
      coalescer.start();
      setImmediate(() => {
        coalescer.run().finally(resolveReady);
        (opts.commonDir !== undefined ? Promise.resolve(opts.commonDir) : run(['rev-parse', '--path-format=absolute', '--git-common-dir'])).then(
          (dir) => {
            if (stopped || opts.watchFs === false) return;
            trigger = new GitDirTrigger(dir.trim(), () => coalescer.trigger());
            trigger.refresh();
          },
          onError,
        );
      }).unref();
    },
    ready: () => ready,
    flush: () => coalescer.run(),
    stop() {
      stopped = true;
      coalescer.stop();
      trigger?.stop();
      resolveReady();
    },
  };
}
