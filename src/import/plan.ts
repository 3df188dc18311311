/**
 * Pure: which commits take which turns of one imported session. A turn is one segment. Each of its
 * edits binds to every commit that holds it (src/import/match.ts), made after the edit (allowing for
 * clock skew); a path is `full` on a commit when that commit, with the commits before it, holds all
 * of the turn's edits of the path, else `partial`, as the binder labels a change a commit completes.
 * Lines a later edit of the session undid need no commit. Turns that edited nothing go once with the
 * next turn that binds, to its first commit (docs/binding.md, "The conversation around changes").
 */
import type { EditContent } from '../agents/edit-content.js';
import { holdsEdit, type PathDiff, type RequiredEdit } from './match.js';

/** Commits may be stamped a little before the edit they hold (another clock, a rounded date). */
export const CLOCK_SKEW_MS = 10 * 60_000;

export interface SessionEdit {
  turn: number;
  /** Relative to the repository's top. */
  path: string;
  /** Epoch ms. */
  at: number;
  edit: EditContent;
}

export interface PlannedEdit extends Omit<SessionEdit, 'edit'> {
  /** null: every line it added was rewritten later in the session, so no commit can hold it. */
  required: RequiredEdit | null;
}

export interface PlanCommit {
  id: string;
  time: number;
  paths: ReadonlyMap<string, PathDiff>;
}

export interface TurnBinding {
  turn: number;
  commit: string;
  taken: string[];
  partial: string[];
  /** A turn that edited nothing, bound with the turn it led to. */
  conversation: boolean;
}

export interface UnboundEdit {
  turn: number;
  path: string;
  reason: string;
}

export interface SessionPlan {
  bindings: TurnBinding[];
  unbound: UnboundEdit[];
}

export interface PlanTurn {
  index: number;
  /** Bound by a recorded aisess session already: it takes nothing here, but it did change files. */
  recorded: boolean;
  edited: boolean;
}

/** Each edit as commits must show it, in session order. */
export function requiredEdits(edits: readonly SessionEdit[]): PlannedEdit[] {
  return edits.map((e, i) => {
    const later = edits.slice(i + 1).filter((l) => l.path === e.path);
    const undone = new Set(later.flatMap((l) => l.edit.removed));
    const added = e.edit.added.filter((l) => !undone.has(l));
    const rewritten = e.edit.added.length > 0 && added.length === 0 && e.edit.change !== 'deleted' && later.length > 0;
    const { change, removed, content, inserted } = e.edit;
    const required: RequiredEdit = { change, added, removed,
      // The file a Write left is only this until the next edit of it; so is the text an Edit inserted.
      ...(content !== undefined && later.length === 0 && { content }), ...(inserted && later.length === 0 && { inserted }) };
    return { turn: e.turn, path: e.path, at: e.at, required: rewritten ? null : required };
  });
}

export function planSession(turns: readonly PlanTurn[], edits: readonly PlannedEdit[], commits: readonly PlanCommit[]): SessionPlan {
  const recorded = new Set(turns.filter((t) => t.recorded).map((t) => t.index));
  const order = new Map(commits.map((c, i) => [c.id, i]));
  const holders = new Map<PlannedEdit, number[]>();
  const unbound: UnboundEdit[] = [];
  for (const e of edits) {
    if (!e.required || recorded.has(e.turn)) continue;
    const req = e.required;
    const found = commits.flatMap((c, i) => {
      const diff = c.paths.get(e.path);
      return diff && c.time >= e.at - CLOCK_SKEW_MS && holdsEdit(req, diff) ? [i] : [];
    });
    holders.set(e, found);
    if (found.length === 0) unbound.push({ turn: e.turn, path: e.path, reason: 'no commit holds this edit' });
  }
  const bindings = turns.flatMap((t) => turnBindings(t.index, edits.filter((e) => e.turn === t.index && holders.has(e)), holders, commits));
  return { bindings: [...bindings, ...conversation(turns, bindings, order)].sort((a, b) => a.turn - b.turn || (order.get(a.commit)! - order.get(b.commit)!)), unbound };
}

function turnBindings(turn: number, edits: readonly PlannedEdit[], holders: Map<PlannedEdit, number[]>, commits: readonly PlanCommit[]): TurnBinding[] {
  const at = [...new Set(edits.flatMap((e) => holders.get(e) ?? []))].sort((a, b) => a - b);
  return at.map((i) => {
    const b: TurnBinding = { turn, commit: commits[i]!.id, taken: [], partial: [], conversation: false };
    for (const path of [...new Set(edits.map((e) => e.path))]) {
      const ofPath = edits.filter((e) => e.path === path);
      if (!ofPath.some((e) => holders.get(e)?.includes(i))) continue;
      const complete = ofPath.every((e) => (holders.get(e) ?? []).some((j) => j <= i));
      (complete ? b.taken : b.partial).push(path);
    }
    return b;
  });
}

/** Turns that edited nothing, just before a turn that binds: with that turn's first commit, once. */
function conversation(turns: readonly PlanTurn[], bindings: readonly TurnBinding[], order: Map<string, number>): TurnBinding[] {
  const out: TurnBinding[] = [];
  const byIndex = new Map(turns.map((t) => [t.index, t]));
  const done = new Set<number>();
  for (const t of [...new Set(bindings.map((b) => b.turn))].sort((a, b) => a - b)) {
    const first = bindings.filter((b) => b.turn === t).sort((a, b) => order.get(a.commit)! - order.get(b.commit)!)[0]!;
    for (let u = t - 1; u >= 0; u--) {
      const talk = byIndex.get(u);
      if (!talk || talk.edited || talk.recorded) break;
      if (done.has(u)) continue;
      done.add(u);
      out.push({ turn: u, commit: first.commit, taken: [], partial: [], conversation: true });
    }
  }
  return out;
}
