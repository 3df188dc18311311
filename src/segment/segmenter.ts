/**
 * Pure: a session's journal → its segments; the one function that cuts and names them (the binder,
 * attach, show --unredacted and status all call it). A segment carries its slice of the stream, the
 * changes the session made in it (src/segment/attribution.ts: changes it cannot claim are not its
 * events at all) and its times. Events are cut in turn order (src/segment/order.ts).
 *
 * Names are stable: once a segment is bound, it and every segment before it are frozen in the
 * session's ledger (their events by journal ordinal, their changes by key); later calls take the
 * frozen ones as they are and cut only what follows, so a late transcript line or a change of
 * credit never renames or reshapes a segment a note already names.
 */
import { AisessCode, type JournalEvent } from '../journal/events.js';
import { creditChanges, type CreditOptions } from './attribution.js';
import { defaultCut, type CutRule } from './cut.js';
import { ordinalRuns, runOrdinals, type FrozenSegment } from './ledger.js';
import { agentKind, withPaths, worktreeData } from '../journal/event-data.js';
import { happenedAt, turnOrder } from './order.js';
import type { PathChange, Segment } from './types.js';
import { journalChanges } from './worktree-data.js';

export interface SegmentOptions extends Partial<CreditOptions> {
  /** Segments frozen by earlier binds (the session's ledger). */
  frozen?: readonly FrozenSegment[];
  cut?: CutRule;
}

export interface Segmentation {
  segments: Segment[];
  /** What each path held when the session started (paths already dirty then). */
  baseline: Map<string, string | null>;
  /** The size of the worktree's HEAD reflog when the session started, when the journal says. */
  headLog?: number;
}

export function segmentSession(events: readonly JournalEvent[], opts: SegmentOptions = {}): Segmentation {
  const { byOrdinal, baseline, headLog } = journalChanges(events);
  const credited = opts.startedAtMs === undefined
    ? new Set([...byOrdinal.values()].flatMap((cs) => cs.map((c) => c.key)))
    : creditChanges(events, byOrdinal, { startedAtMs: opts.startedAtMs, transcriptReadTo: opts.transcriptReadTo });
  const frozen = (opts.frozen ?? []).map((f, index) => frozenSegment(events, byOrdinal, f, index));
  const taken = new Set(frozen.flatMap((s) => s.ordinals));
  const own = new Map<JournalEvent, number>();
  events.forEach((e, ordinal) => {
    if (taken.has(ordinal)) return;
    const kept = ownEvent(e, byOrdinal.get(ordinal), (c) => credited.has(c.key));
    if (kept) own.set(kept.event, ordinal);
  });
  const rest = cutSegments([...own.keys()], own, byOrdinal, credited, frozen.length, opts.cut ?? defaultCut);
  return { segments: [...frozen, ...rest], baseline, ...(headLog !== undefined && { headLog }) };
}

/** Freezes segments [0, upTo): what the ledger keeps so their names and contents never change. */
export function freeze(segments: readonly Segment[], upTo: number): FrozenSegment[] {
  return segments.slice(0, upTo).map((s) => ({ runs: ordinalRuns(s.ordinals), changes: s.changes.map((c) => c.key) }));
}

function frozenSegment(events: readonly JournalEvent[], byOrdinal: Map<number, PathChange[]>, f: FrozenSegment, index: number): Segment {
  const keys = new Set(f.changes);
  const ordinals = runOrdinals(f.runs).filter((o) => events[o] !== undefined);
  const kept = ordinals.flatMap((o) => {
    const own = ownEvent(events[o]!, byOrdinal.get(o), (c) => keys.has(c.key));
    return own ? [{ ...own, ordinal: o }] : [];
  });
  return spanOf(index, kept.map((k) => k.event), kept.map((k) => k.ordinal), kept.flatMap((k) => k.changes));
}

/**
 * The event as the session owns it: a change event keeps only the changes the session made (none
 * left: not its event). Other events are kept as they are.
 */
function ownEvent(e: JournalEvent, changes: PathChange[] | undefined, mine: (c: PathChange) => boolean): { event: JournalEvent; changes: PathChange[] } | null {
  if (!changes) return { event: e, changes: [] };
  const kept = changes.filter(mine);
  if (kept.length === 0) return null;
  if (kept.length === changes.length) return { event: e, changes: kept };
  return { event: withPaths(e, new Set(kept.map((c) => c.path))), changes: kept };
}

function cutSegments(
  events: JournalEvent[],
  ordinalOf: Map<JournalEvent, number>,
  byOrdinal: Map<number, PathChange[]>,
  credited: ReadonlySet<string>,
  firstIndex: number,
  cut: CutRule,
): Segment[] {
  const segments: Segment[] = [];
  let current: JournalEvent[] = [];
  const close = (): void => {
    if (current.length === 0) return;
    const ordinals = current.map((e) => ordinalOf.get(e)!);
    const changes = ordinals.flatMap((o) => (byOrdinal.get(o) ?? []).filter((c) => credited.has(c.key)));
    segments.push(spanOf(firstIndex + segments.length, current, ordinals, changes));
    current = [];
  };
  /** When the last work happened, and whether a change has ended the segment, which stays open for that work's drawing. */
  let lastWork = -Infinity;
  let closing = false;
  for (const event of turnOrder(events)) {
    if (closing && !drawingOf(event, lastWork)) {
      close();
      closing = false;
    }
    if (isWork(event)) lastWork = Math.max(lastWork, happenedAt(event));
    const rule = cut(event);
    if (rule === 'before') {
      // A turn starts where the previous one's work ended: what follows (the user typing the
      // prompt, its echo) is this turn's, even when the prompt is read from the transcript later.
      const lead = agentKind(event) === 'prompt' ? current.splice(afterLastWork(current)) : [];
      close();
      current = [event, ...lead];
    } else {
      current.push(event);
    }
    if (rule === 'after') closing = true;
  }
  close();
  return segments;
}

/** Output within DRAWN_WITHIN of the last work, or a raw transcript line read with it: the work is still being drawn. */
function drawingOf(event: JournalEvent, lastWork: number): boolean {
  return event.code === 'o' ? event.time <= lastWork + DRAWN_WITHIN : agentKind(event) === 'transcript';
}

function isWork(event: JournalEvent): boolean {
  const kind = agentKind(event);
  return kind !== null && !NOT_WORK.has(kind);
}

function spanOf(index: number, events: JournalEvent[], ordinals: number[], changes: PathChange[]): Segment {
  // Events moved into turn order keep their journal times: the span is their extent.
  const firstChange = events.find((e) => e.code === AisessCode.worktree && !isBaseline(e));
  return {
    index,
    start: events.length ? events.reduce((t, e) => Math.min(t, e.time), Infinity) : 0,
    end: events.length ? events.reduce((t, e) => Math.max(t, e.time), -Infinity) : 0,
    firstChangeAt: changes.length && firstChange ? firstChange.time : null,
    events,
    ordinals,
    changes,
  };
}

function isBaseline(e: JournalEvent): boolean {
  return worktreeData(e)?.baseline === true;
}

/** Agent event kinds that are no work of a turn: its edges, the session's id, the raw transcript lines. */
const NOT_WORK = new Set(['turn', 'session', 'transcript']);

/**
 * Seconds after the last work during which the screen still shows that work: an agent draws an
 * answer while and just after it writes its transcript line, whose time is the work's time.
 */
const DRAWN_WITHIN = 0.5;

function afterLastWork(events: readonly JournalEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    if (!isWork(events[i]!)) continue;
    const lastWork = happenedAt(events[i]!);
    let end = i + 1;
    // Raw transcript lines read with the work may sit between it and its drawing.
    for (let j = i + 1; j < events.length && drawingOf(events[j]!, lastWork); j++) if (events[j]!.code === 'o') end = j + 1;
    return end;
  }
  return 0;
}
