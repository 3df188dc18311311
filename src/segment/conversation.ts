/**
 * Pure: the conversation around bound changes. One rule, for every commit:
 * - the rest of a bound segment's turn (its prompt, the answer after the change, segments between
 *   its changes) goes with it, to every commit the turn's changes bind to;
 * - turns that changed nothing (questions, explanations) go with the next turn whose changes bind,
 *   once: they led to it (not what came before the first prompt: start-up screens);
 * - a segment that says nothing (no change, no agent event of substance, no visible text) is never
 *   bound, and the turn a live session is in waits until it ends (its segments still grow).
 * A turn's answer is often read after its change was bound: completeTurns binds it later, to the
 * same commits.
 */
import type { Ledger } from './ledger.js';
import { hasPreamble, isEmptySegment, turnsOf } from './turns.js';
import type { Segment } from './types.js';

export function conversationFor(
  segments: readonly Segment[], bound: ReadonlySet<number>, ledger: Ledger, open: boolean, live: (commit: string) => boolean,
): number[] {
  if (bound.size === 0) return [];
  const turns = turnsOf(segments);
  const changed = new Set(segments.filter((s) => s.changes.length).map((s) => turns[s.index]));
  // Bound to a commit that still counts: a rebase or amend that left the commit behind binds it again.
  const everBound = new Set(ledger.bindings.filter((b) => live(b.commit)).map((b) => b.segment));
  // While the session runs, its last turn is still being said: its conversation waits for the turn to end.
  const current = open ? turns[segments.length - 1] : undefined;
  const talk = (i: number) => !bound.has(i) && segments[i]!.changes.length === 0 && turns[i] !== current && !isEmptySegment(segments[i]!);
  const inTurn = new Map<number, number[]>();
  turns.forEach((t, i) => {
    const list = inTurn.get(t);
    if (list) list.push(i);
    else inTurn.set(t, [i]);
  });
  const out = new Set<number>();
  const first = hasPreamble(segments) ? 1 : 0;
  for (const t of new Set([...bound].map((b) => turns[b]!))) {
    for (const i of inTurn.get(t) ?? []) if (talk(i)) out.add(i);
    for (let u = t - 1; u >= first && !changed.has(u); u--) {
      for (const i of inTurn.get(u) ?? []) if (talk(i) && !everBound.has(i)) out.add(i);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** For each live commit the session's changes bound to: conversation of their turns not on it yet. */
export function completeTurns(segments: readonly Segment[], ledger: Ledger, open: boolean, live: (commit: string) => boolean): Map<string, number[]> {
  const byCommit = new Map<string, Set<number>>();
  for (const b of ledger.bindings) {
    if (b.conversation || b.attached || !live(b.commit)) continue;
    let set = byCommit.get(b.commit);
    if (!set) byCommit.set(b.commit, (set = new Set()));
    set.add(b.segment);
  }
  const out = new Map<string, number[]>();
  for (const [commit, changed] of byCommit) {
    const on = new Set(ledger.bindings.filter((b) => b.commit === commit).map((b) => b.segment));
    const missing = conversationFor(segments, changed, ledger, open, live).filter((i) => !on.has(i));
    if (missing.length) out.set(commit, missing);
  }
  return out;
}
