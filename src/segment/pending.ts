/** Pure: which of a session's changes still wait for a commit, given what its ledger settled. */
import type { Ledger, Segment, Settled } from './types.js';

export interface PendingChange {
  segment: number;
  path: string;
  blob: string | null;
  status: string;
}

const key = (segment: number, path: string, blob: string | null): string => `${segment}\0${path}\0${blob ?? ''}`;

export function pendingChanges(segments: readonly Segment[], ledger: Ledger): PendingChange[] {
  const settled = new Set(ledger.settled.map((s) => key(s.segment, s.path, s.blob)));
  const out: PendingChange[] = [];
  for (const seg of segments) {
    for (const c of seg.changes) {
      if (!settled.has(key(seg.index, c.path, c.blob))) out.push({ segment: seg.index, ...c });
    }
  }
  return out;
}

/** Pending changes grouped by path, each group in session order (oldest first). */
export function byPath(pending: readonly PendingChange[]): Map<string, PendingChange[]> {
  const groups = new Map<string, PendingChange[]>();
  for (const p of pending) {
    const group = groups.get(p.path);
    if (group) group.push(p);
    else groups.set(p.path, [p]);
  }
  return groups;
}

/** Changes made longer ago than the expiry stop waiting: settled with no commit. */
export function expired(
  segments: readonly Segment[],
  pending: readonly PendingChange[],
  startedAtMs: number,
  nowMs: number,
  expiryMs: number,
): Settled[] {
  const endOf = new Map(segments.map((s) => [s.index, startedAtMs + s.end * 1000]));
  return pending
    .filter((p) => nowMs - (endOf.get(p.segment) ?? nowMs) > expiryMs)
    .map((p) => ({ segment: p.segment, path: p.path, blob: p.blob, commit: null }));
}

export function applySettled(ledger: Ledger, settle: readonly Settled[], bound: Ledger['bound'] = []): Ledger {
  return { settled: [...ledger.settled, ...settle], bound: [...ledger.bound, ...bound] };
}
