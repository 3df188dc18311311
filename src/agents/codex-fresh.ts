/**
 * A fresh codex session's rollout: the one of the thread our agent's process tree names exactly
 * (its writer lock, CODEX_THREAD_ID in its commands: codex-thread.ts) or holds open; failing those (no
 * /proc, an older Codex), a new one whose session_meta cwd is ours, that no other live aisess session
 * has claimed and no other live process holds. A short session may be gone before the follower's next
 * poll: the holds seen while it ran still tell, and at the final discovery a rollout some live process
 * still holds is another session's.
 */
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import type { Claim } from './claims.js';
import { firstGrown, type Snapshot } from './discover.js';
import type { Finder } from './follow.js';
import { pidExists } from '../os/process.js';
import { lockThread, rolloutOfThreads, THREAD_ENV, threadsNamed } from './codex-thread.js';
import { watchHolds } from './holds.js';
import { heldForWriting } from './procfs.js';
import type { FollowIO } from './types.js';

const UNHELD_GRACE_MS = 3000;
const HOLD_FAST_MS = 20;
const HOLD_FAST_FOR_MS = 3000;

export interface FreshOptions {
  /** The rollouts of the day folders around the session. */
  recent(): string[];
  /** Taken before the agent was spawned. */
  before: Snapshot;
  /** The rollout's cwd is ours; undefined while its first line is incomplete. */
  isOurs(file: string): Promise<boolean | undefined>;
  claim(file: string): Promise<Claim | null>;
  io: FollowIO;
}

// /proc names the real path; CODEX_HOME may lead through a symlink.
function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

const isRollout = (file: string) => basename(file).startsWith('rollout-') && file.endsWith('.jsonl');

export function freshRolloutFinder(o: FreshOptions): Finder {
  const holds = watchHolds({
    pid: () => o.io.agentPid(), relevant: (f) => isRollout(f) || lockThread(f) !== undefined, envVar: THREAD_ENV,
    fastMs: HOLD_FAST_MS, fastForMs: HOLD_FAST_FOR_MS, slowMs: o.io.pollMs ?? 250,
  });
  const firstSeen = new Map<string, number>();
  // While the agent runs, a rollout it does not hold may be another session's; after a grace, claims decide.
  const graceOver = (file: string) => {
    const seen = firstSeen.get(file) ?? Date.now();
    firstSeen.set(file, seen);
    return Date.now() - seen > UNHELD_GRACE_MS ? true : undefined;
  };

  return async (final) => {
    const files = o.recent().filter((f) => !o.before.has(f));
    const reals = new Map(files.map((f) => [f, real(f)]));
    const ids = threadsNamed(holds);
    const named = rolloutOfThreads(files, ids);
    const ours = named ? [named] : files.filter((f) => holds.held.has(reals.get(f) ?? f));
    const pid = o.io.agentPid();
    // A thread id known before its rollout is written: only that rollout will do.
    const waiting = ours.length === 0 && ids.length > 0;
    const undecided = ours.length === 0 && !waiting && holds.supported() && pid !== undefined;
    // Once our agent has exited (it has by the final call), whatever a process still holds is a live session's.
    const gone = undecided && (final || !pidExists(pid));
    const busy = gone && files.length ? await heldForWriting(reals.values()) : null;
    const accept = async (file: string): Promise<boolean | undefined> => {
      if ((await o.isOurs(file)) !== true) return false;
      if (ours.length) return ours.includes(file);
      if (waiting) return false;
      if (!undecided) return true;
      return gone ? !busy?.has(reals.get(file) ?? file) : graceOver(file);
    };
    const found = await firstGrown({ files, before: o.before, claim: o.claim, accept });
    if (found || final) holds.stop();
    return found;
  };
}
