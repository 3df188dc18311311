/**
 * Pure binding rules: which pending segments of one session a commit takes. A change is taken when
 * the commit gives its path the blob the session produced (earlier changes of that path, which it
 * superseded, go with it). A path the commit changed to another blob is partial staging: the segment
 * binds, and the change keeps waiting for the commit that takes the rest. A path whose last change
 * is already what the commit's tree (or the session's start) holds was reverted: it stops waiting.
 * No-change segments between bound ones go with them: they are the conversation between changes.
 * In an agent session the rest of each bound segment's turn (prompt to next prompt) goes too: the
 * watcher and the transcript are read independently, so a turn's answer may land after its change.
 */
import { agentKind } from './lead.js';
import { byPath, pendingChanges, type PendingChange } from './pending.js';
import type { CommitDiff, Ledger, Segment, Settled } from './types.js';

export interface BindInput {
  segments: readonly Segment[];
  ledger: Ledger;
  commit: CommitDiff;
  /** Blob of pending paths in the commit's tree (null: absent there); missing keys are unknown. */
  tree: ReadonlyMap<string, string | null>;
  /** Blobs of paths already dirty when the session started. */
  baseline: ReadonlyMap<string, string | null>;
}

export interface BoundSegment {
  segment: number;
  /** Paths whose change this commit took in full. */
  taken: string[];
  /** Paths this commit changed to a blob the segment did not produce (partly staged). */
  partial: string[];
  /** Bound only as conversation between segments with changes. */
  conversation: boolean;
}

export interface BindPlan {
  bound: BoundSegment[];
  settle: Settled[];
}

export function planBinding(input: BindInput): BindPlan {
  const { commit } = input;
  const pending = pendingChanges(input.segments, input.ledger);
  const settle: Settled[] = [];
  const touched = new Map<number, BoundSegment>();
  const touch = (segment: number): BoundSegment => {
    let b = touched.get(segment);
    if (!b) touched.set(segment, (b = { segment, taken: [], partial: [], conversation: false }));
    return b;
  };
  for (const [path, entries] of byPath(pending)) {
    const latest = entries.at(-1)!;
    if (commit.paths.has(path)) {
      const blob = commit.paths.get(path) ?? null;
      const k = lastIndex(entries, (e) => e.blob === blob);
      if (k >= 0) {
        for (const e of entries.slice(0, k + 1)) {
          settle.push(settled(e, commit.id));
          touch(e.segment).taken.push(path);
        }
      } else {
        for (const e of entries) touch(e.segment).partial.push(path);
      }
    } else if (isReverted(path, latest.blob, input)) {
      for (const e of entries) settle.push(settled(e, null));
    }
  }
  if (touched.size === 0) return { bound: [], settle };
  addConversation(input, pending, settle, touched);
  const already = new Set(input.ledger.bound.filter((b) => b.commit === commit.id).map((b) => b.segment));
  const bound = [...touched.values()].filter((b) => !already.has(b.segment)).sort((a, b) => a.segment - b.segment);
  return { bound, settle };
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

function settled(e: PendingChange, commit: string | null): Settled {
  return { segment: e.segment, path: e.path, blob: e.blob, commit };
}

function isReverted(path: string, blob: string | null, input: BindInput): boolean {
  if (input.baseline.has(path) && input.baseline.get(path) === blob) return true;
  return input.tree.has(path) && input.tree.get(path) === blob;
}

/** Segments between the first and last bound one that change nothing still waiting, never bound before. */
function addConversation(
  input: BindInput,
  pending: readonly PendingChange[],
  settle: readonly Settled[],
  touched: Map<number, BoundSegment>,
): void {
  const indexes = [...touched.keys()];
  const [lo, hi] = [Math.min(...indexes), Math.max(...indexes)];
  const justSettled = new Set(settle.map((s) => `${s.segment}\0${s.path}`));
  const waiting = new Set(pending.filter((p) => !justSettled.has(`${p.segment}\0${p.path}`)).map((p) => p.segment));
  const everBound = new Set(input.ledger.bound.map((b) => b.segment));
  const everTaken = new Set(input.ledger.settled.filter((s) => s.commit !== null).map((s) => s.segment));
  const free = (i: number) => !touched.has(i) && !waiting.has(i) && !everBound.has(i) && !everTaken.has(i);
  const add = (i: number) => touched.set(i, { segment: i, taken: [], partial: [], conversation: true });
  for (let i = lo + 1; i < hi; i++) if (free(i)) add(i);
  const segs = input.segments;
  if (!segs.some((s) => s.events.some((e) => agentKind(e) === 'prompt'))) return;
  const opensTurn = (i: number) => segs[i] !== undefined && segs[i]!.events[0] !== undefined && agentKind(segs[i]!.events[0]!) === 'prompt';
  for (const b of [...touched.keys()]) {
    for (let i = b + 1; i < segs.length && !opensTurn(i) && free(i); i++) add(i);
    for (let i = b - 1; i >= 0 && !opensTurn(i + 1) && free(i); i--) add(i);
  }
}
