/** Pure: a binding plan into the session's ledger. */
import type { Binding, Ledger } from './ledger.js';
import type { BindPlan } from './rules.js';
import { freeze } from './segmenter.js';
import type { Segment } from './types.js';

/** Coverage, then the records written (withRecords). */
export function applyPlan(ledger: Ledger, plan: BindPlan, commit: string, segments: readonly Segment[]): Ledger {
  const covered = { ...ledger.covered };
  for (const u of plan.covered) {
    const prev = covered[u.key];
    const by = prev && prev.n === u.n ? { ...prev.by } : {};
    covered[u.key] = { n: u.n, by: { ...by, [commit]: u.runs } };
  }
  return withRecords({ ...ledger, covered }, plan.bound, commit, segments);
}

/**
 * Records written on a commit (by the binder, or attached by hand), and the segments up to the last
 * one written frozen: their indexes are record ids from now on.
 */
export function withRecords(ledger: Ledger, written: readonly Omit<Binding, 'commit'>[], commit: string, segments: readonly Segment[]): Ledger {
  const bindings = [...ledger.bindings];
  for (const b of written) {
    if (!bindings.some((x) => x.segment === b.segment && x.commit === commit)) bindings.push({ ...b, commit });
  }
  const upTo = Math.max(ledger.frozen.length, ...written.map((b) => b.segment + 1));
  const frozen = upTo > ledger.frozen.length ? [...ledger.frozen, ...freeze(segments, upTo).slice(ledger.frozen.length)] : ledger.frozen;
  return { ...ledger, bindings, frozen };
}
