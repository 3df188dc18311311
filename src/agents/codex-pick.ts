/**
 * The rollout of `codex resume --last`, `codex resume` (its picker) or `resume <id>` of an id not on
 * disk: the thread our agent's process tree names (codex-thread.ts) when /proc tells, from the size it
 * had at start; else a guess: for --last the newest rollout of our directory, for the picker the
 * rollout that grows (or a new one). The guess waits a moment for the exact identity first.
 */
import type { Claim } from './claims.js';
import { lockThread, rolloutOfThreads, THREAD_ENV, threadsNamed } from './codex-thread.js';
import { firstGrown, type Snapshot } from './discover.js';
import type { Finder, Found } from './follow.js';
import { watchHolds } from './holds.js';
import type { ResumeTarget } from './rollout-zst.js';
import { primeOf } from './rollouts.js';
import { pidExists } from '../os/process.js';
import type { FollowIO } from './types.js';

/** Long enough for Codex to take its writer lock (well under a second when measured). */
const ID_GRACE_MS = 3000;

export interface Candidate extends ResumeTarget {
  /** The file on disk now (a .jsonl.zst for a compressed one). */
  source: string;
  mtimeMs: number;
}

export interface PickOptions {
  last: boolean;
  /** Rollouts there before the agent started, newest first. */
  candidates: Candidate[];
  /** The rollouts of the day folders around the session. */
  recent(): string[];
  isOurs(file: string): Promise<boolean | undefined>;
  claim(file: string): Promise<Claim | null>;
  io: FollowIO;
}

export function pickedRolloutFinder(o: PickOptions): Finder {
  const holds = watchHolds({ pid: () => o.io.agentPid(), relevant: (f) => lockThread(f) !== undefined, envVar: THREAD_ENV,
    fastMs: 20, fastForMs: ID_GRACE_MS, slowMs: o.io.pollMs ?? 250 });
  const before: Snapshot = new Map(o.candidates.map((c) => [c.file, { size: c.offset, mtimeMs: c.mtimeMs }]));
  const heads = new Map(o.candidates.map((c) => [c.file, c.head]));
  const started = Date.now();
  const withPrime = async (f: Found): Promise<Found> => ({ ...f, prime: await primeOf(f.file, f.offset, heads.get(f.file)) });
  const done = (f: Found | undefined, final: boolean) => {
    if (f || final) holds.stop();
    return f;
  };

  return async (final) => {
    const files = [...o.candidates.map((c) => c.file), ...o.recent().filter((f) => !before.has(f))];
    const ids = threadsNamed(holds);
    if (ids.length) {
      // Exact: that thread's rollout, or nothing until it is written (a picker may start a new thread).
      const file = rolloutOfThreads(files, ids);
      const claim = file ? await o.claim(file) : null;
      return done(file && claim ? await withPrime({ file, offset: before.get(file)?.size ?? 0, claim }) : undefined, final);
    }
    const pid = o.io.agentPid();
    if (!final && holds.supported() && pid !== undefined && pidExists(pid) && Date.now() - started < ID_GRACE_MS) return undefined;
    if (o.last) {
      for (const { file, source, offset } of o.candidates) {
        if ((await o.isOurs(source)) !== true) continue;
        const claim = await o.claim(file);
        if (claim) return done(await withPrime({ file, offset, claim }), final);
      }
    }
    const found = await firstGrown({ files, before, accept: o.isOurs, claim: o.claim });
    return done(found && (await withPrime(found)), final);
  };
}
