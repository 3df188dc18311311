/**
 * What a session has bound, kept beside its journal for as long as the journal lives: the segments
 * already named (frozen: their events and changes never change again, so a record id always names
 * the same content), which lines of each change which commit holds, the records written, the commits
 * already looked at, and the changes that stopped waiting without a commit (and why).
 */

/** A segment whose content is fixed: its events as runs of journal ordinals, its credited changes. */
export interface FrozenSegment {
  /** [from, to) pairs flattened, in the segment's event order. */
  runs: number[];
  /** Keys of the changes credited to the segment. */
  changes: string[];
}

export interface Binding {
  segment: number;
  commit: string;
  /** Bound for the conversation around changes, not for a change of its own. */
  conversation: boolean;
  /** Attached by hand (`aisess attach`): the binding rules neither extend nor undo it. */
  attached?: true;
}

export interface Coverage {
  n: number;
  by: Record<string, number[]>;
}

/**
 * expired: waited too long; discarded: thrown away before any commit took any of it; superseded:
 * what no commit took was overwritten before it could be; bound: by an earlier version of aisess.
 */
export type SettleReason = 'expired' | 'discarded' | 'superseded' | 'bound';

export interface Ledger {
  v: 2;
  frozen: FrozenSegment[];
  /** change key → how many lines the change owns, and per commit the ones it holds as [from, to) runs. */
  covered: Record<string, Coverage>;
  bindings: Binding[];
  /** Commits already evaluated for this session (each is looked at once). */
  evaluated: string[];
  /** change key → why it stopped waiting without a commit, and when (epoch ms). */
  settled: Record<string, { reason: SettleReason; at: number }>;
}

export const emptyLedger = (): Ledger => ({ v: 2, frozen: [], covered: {}, bindings: [], evaluated: [], settled: {} });

/** Flags → [from, to) runs of the set ones. */
export function toRuns(flags: ArrayLike<number>): number[] {
  const runs: number[] = [];
  for (let i = 0; i < flags.length; i++) {
    if (!flags[i]) continue;
    if (runs.length && runs.at(-1) === i) runs[runs.length - 1] = i + 1;
    else runs.push(i, i + 1);
  }
  return runs;
}

/** Sets the flags a run list names. */
export function addRuns(flags: Uint8Array, runs: readonly number[]): Uint8Array {
  for (let r = 0; r + 1 < runs.length; r += 2) flags.fill(1, Math.max(0, runs[r]!), Math.min(flags.length, runs[r + 1]!));
  return flags;
}

/** Ordinals → runs, keeping their order (a frozen segment's events need not be in journal order). */
export function ordinalRuns(ordinals: readonly number[]): number[] {
  const runs: number[] = [];
  for (const o of ordinals) {
    if (runs.length && runs.at(-1) === o) runs[runs.length - 1] = o + 1;
    else runs.push(o, o + 1);
  }
  return runs;
}

export function runOrdinals(runs: readonly number[]): number[] {
  const out: number[] = [];
  for (let r = 0; r + 1 < runs.length; r += 2) for (let o = runs[r]!; o < runs[r + 1]!; o++) out.push(o);
  return out;
}

/** Validates a ledger read from disk; null when it is not one this version understands. */
export function parseLedger(value: unknown): Ledger | null {
  const l = value as Partial<Ledger> | null;
  if (!l || l.v !== 2 || !Array.isArray(l.frozen) || typeof l.covered !== 'object' || !Array.isArray(l.bindings)) return null;
  return { v: 2, frozen: l.frozen, covered: l.covered ?? {}, bindings: l.bindings, evaluated: Array.isArray(l.evaluated) ? l.evaluated : [], settled: l.settled ?? {} };
}
