/** Pure: a binding plan into the session's ledger. */
import type { Ledger } from './ledger.js';
import type { BindPlan } from './rules.js';
import { freeze } from './segmenter.js';
import type { Segment } from './types.js';

/**
 * Coverage, the records written, and the segments up to the last one bound frozen (their indexes
 * are record ids from now on).
 */
export function applyPlan(ledger: Ledger, plan: BindPlan, commit: string, segments: readonly Segment[]): Ledger {
  const covered = { ...ledger.covered };
  for (const u of plan.covered) {
    const prev = covered[u.key];
    const by = prev && prev.n === u.n ? { ...prev.by } : {};
    covered[u.key] = { n: u.n, by: { ...by, [commit]: u.runs } };
  }
  const bindings = [...ledger.bindings];
  for (const b of plan.bound) {
    if (!bindings.some((x) => x.segment === b.segment && x.commit === commit)) bindings.push({ segment: b.segment, commit, conversation: b.conversation });
  }
  const upTo = Math.max(ledger.frozen.length, ...plan.bound.map((b) => b.segment + 1));
  const frozen = upTo > ledger.frozen.length ? [...ledger.frozen, ...freeze(segments, upTo).slice(ledger.frozen.length)] : ledger.frozen;
  return { ...ledger, covered, bindings, frozen };
}
