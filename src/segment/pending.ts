/** Pure: which of a session's changes still wait for a commit, given its ledger. */
import type { BlobId, ChangeShape } from './change-lines.js';
import { coveredElsewhere } from './rules.js';
import type { Ledger } from './ledger.js';
import type { PathChange, Segment } from './types.js';

export interface PendingChange {
  segment: number;
  change: PathChange;
  /** Lines no live commit holds yet, of how many; null when no commit has taken any of it. */
  lines: { waiting: number; of: number } | null;
}

export function pendingChanges(segments: readonly Segment[], ledger: Ledger, live: (commit: string) => boolean): PendingChange[] {
  const out: PendingChange[] = [];
  for (const s of segments) {
    for (const c of s.changes) {
      if (ledger.settled[c.key]) continue;
      const cov = ledger.covered[c.key];
      if (!cov) {
        out.push({ segment: s.index, change: c, lines: null });
        continue;
      }
      const held = coveredElsewhere(ledger, c.key, cov.n, null, live);
      const waiting = held.reduce((n, h) => n + (h ? 0 : 1), 0);
      if (waiting > 0) out.push({ segment: s.index, change: c, lines: { waiting, of: cov.n } });
    }
  }
  return out;
}

/** Keys of waiting changes made longer ago than the expiry: they stop waiting. */
export function expiredKeys(segments: readonly Segment[], pending: readonly PendingChange[], startedAtMs: number, nowMs: number, expiryMs: number): string[] {
  const endOf = new Map(segments.map((s) => [s.index, startedAtMs + s.end * 1000]));
  return pending.filter((p) => nowMs - (endOf.get(p.segment) ?? nowMs) > expiryMs).map((p) => p.change.key);
}

/** Every commit the ledger's coverage names: the ones whose liveness decides what is pending. */
export function coveringCommits(ledger: Ledger): string[] {
  const out = new Set<string>();
  for (const cov of Object.values(ledger.covered)) for (const c of Object.keys(cov.by)) out.add(c);
  for (const b of ledger.bindings) out.add(b.commit);
  return [...out];
}

/**
 * How many of a change's lines a commit could still take: applied where commits come from (the
 * working tree, the index, a stash) and not yet in HEAD, nor held by a live commit. None left: the
 * change is done waiting, whether a commit took it, a later change overwrote it before any commit
 * (a line the agent wrote and then rewrote), or it was thrown away.
 */
export function openLines(shape: ChangeShape, sources: readonly BlobId[], head: BlobId, held: Uint8Array): number {
  const inHead = shape.applied(head);
  const somewhere = new Uint8Array(shape.count);
  for (const s of sources) shape.applied(s).forEach((a, i) => (somewhere[i] ||= a));
  let open = 0;
  for (let i = 0; i < shape.count; i++) if (somewhere[i] && !inHead[i] && !held[i]) open++;
  return open;
}
