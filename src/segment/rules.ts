/**
 * Pure binding rules: which segments of one session a commit takes, by content. A segment owns the
 * lines its changes added and removed (src/segment/change-lines.ts); a commit takes a change when its
 * own diff (against its first parent) makes some of those lines so: all of what is still uncovered
 * → the path is 'full', some → 'partial' and the rest keeps waiting. Lines the commit's parent
 * already has, and lines a later change of the session undid (a line written, then rewritten),
 * never reach a commit: the commit that takes the rest completes the change. Pre-session lines, hand edits
 * and other people's lines in the same file are not the segment's, so they never pull it along.
 * Coverage by a commit that no longer counts (reset away, amended, rebased) is void, so the change
 * binds again to whatever commit holds it now. A merge's diff repeats its branch's commits: it only
 * takes what no live commit holds yet. Around bound changes, the conversation goes too
 * (src/segment/conversation.ts).
 */
import type { ChangeShape } from './change-lines.js';
import { conversationFor } from './conversation.js';
import { addRuns, toRuns, type Ledger } from './ledger.js';
import type { PathChange, Segment } from './types.js';

export interface CommitView {
  id: string;
  merge: boolean;
  /** path → [blob in the first parent, blob in the commit] (null: absent), for the paths it changed. */
  paths: ReadonlyMap<string, readonly [string | null, string | null]>;
}

export interface BindInput {
  segments: readonly Segment[];
  ledger: Ledger;
  commit: CommitView;
  shape: (change: PathChange) => ChangeShape;
  /** Whether a commit still counts: reachable from a ref (an amended or reset one is not). */
  live: (commit: string) => boolean;
  /** The session still runs: its last segment may grow, so it is not bound as conversation yet. */
  open: boolean;
}

export interface BoundSegment {
  segment: number;
  /** Paths whose change this commit completes. */
  taken: string[];
  /** Paths of which this commit holds part of the segment's change. */
  partial: string[];
  /** Bound only as conversation around segments with changes. */
  conversation: boolean;
}

export interface CoverageUpdate {
  key: string;
  /** How many lines the change owns. */
  n: number;
  runs: number[];
}

export interface BindPlan {
  bound: BoundSegment[];
  covered: CoverageUpdate[];
}

export function planBinding(input: BindInput): BindPlan {
  const { commit, ledger } = input;
  const bound = new Map<number, BoundSegment>();
  const covered: CoverageUpdate[] = [];
  const last = lastChanges(input.segments);
  for (const s of input.segments) {
    for (const c of s.changes) {
      const pair = commit.paths.get(c.path);
      if (!pair || ledger.settled[c.key]) continue;
      const shape = input.shape(c);
      if (shape.count === 0) continue;
      const prior = coveredElsewhere(ledger, c.key, shape.count, commit.id, input.live);
      const hits = shape.introduced(pair[0], pair[1]);
      if (commit.merge) hits.forEach((h, i) => (hits[i] = h && !prior[i] ? 1 : 0));
      if (!hits.includes(1)) continue;
      // What the parent already has (removing a line no commit ever held) and what a later change of
      // the session undid (a line written, then rewritten) never reach a commit: this one completes the change.
      const inParent = shape.applied(pair[0]);
      const later = last.get(c.path);
      const undone = later && later.key !== c.key ? shape.applied(later.blob).map((a) => (a ? 0 : 1)) : new Uint8Array(shape.count);
      const done = hits.map((h, i) => (h || ((undone[i] || inParent[i]) && !prior[i]) ? 1 : 0));
      covered.push({ key: c.key, n: shape.count, runs: toRuns(done) });
      const whole = done.every((d, i) => d || prior[i]);
      let b = bound.get(s.index);
      if (!b) bound.set(s.index, (b = { segment: s.index, taken: [], partial: [], conversation: false }));
      (whole ? b.taken : b.partial).push(c.path);
    }
  }
  for (const i of conversationFor(input.segments, new Set(bound.keys()), ledger, input.open, input.live)) {
    bound.set(i, { segment: i, taken: [], partial: [], conversation: true });
  }
  const already = new Set(ledger.bindings.filter((b) => b.commit === commit.id).map((b) => b.segment));
  const fresh = [...bound.values()].filter((b) => !(b.conversation && already.has(b.segment)));
  return { bound: fresh.sort((a, b) => a.segment - b.segment), covered };
}

/** The session's last change of each path: what the session left the path as. */
function lastChanges(segments: readonly Segment[]): Map<string, PathChange> {
  const last = new Map<string, PathChange>();
  for (const s of segments) for (const c of s.changes) last.set(c.path, c);
  return last;
}

/** The change's lines held by live commits other than this one. */
export function coveredElsewhere(ledger: Ledger, key: string, n: number, except: string | null, live: (commit: string) => boolean): Uint8Array {
  const flags = new Uint8Array(n);
  const cov = ledger.covered[key];
  if (!cov || cov.n !== n) return flags;
  for (const [commit, runs] of Object.entries(cov.by)) if (commit !== except && live(commit)) addRuns(flags, runs);
  return flags;
}
