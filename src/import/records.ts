/**
 * An imported session → note records, built by the binder's own pipeline (src/record/body.ts
 * segmentRecord: redaction, budget, summary) from a journal-like view: a header that names the
 * agent's session, and one segment per turn holding its agent events. There is no terminal
 * stream, so the screen text is empty; the body says `source: "import"` (docs/note-format.md).
 */
import { encodeEventData } from '../journal/event-data.js';
import { AisessCode, type JournalEvent, type JournalHeader } from '../journal/events.js';
import type { CommitFacts, SegmentRecord } from '../record/body.js';
import type { Rules } from '../redact/index.js';
import { leadEvents } from '../segment/lead.js';
import type { PathChange, Segment } from '../segment/types.js';
import type { SessionEdit, TurnBinding } from './plan.js';
import type { AgentSessionRead } from './session-read.js';

/** The stand-in size of a session that had no recorded terminal. */
const TERM = { cols: 80, rows: 24 } as const;

/** The session part of an imported record's id: `<agent>-<agent session id>`, so importing again names the same records. */
export function importSessionId(s: Pick<AgentSessionRead, 'agent' | 'id'>): string {
  return `${s.agent}-${s.id}`;
}

export function importHeader(s: AgentSessionRead): JournalHeader {
  return {
    version: 3, term: { ...TERM }, timestamp: Math.floor(s.startedAt / 1000),
    aisess: { format: 1, id: importSessionId(s), agent: s.agent, argv: [s.agent], cwd: s.cwd ?? '', pid: 0, startedAt: s.startedAt, captureInput: false },
  };
}

/** One segment per turn, its changes the paths its edits touched (relative to the repository). */
export function importSegments(s: AgentSessionRead, edits: readonly SessionEdit[]): Segment[] {
  const changed = changedPaths(edits);
  return s.turns.map((t) => {
    let last = 0;
    const events = t.events.map((e): JournalEvent => {
      last = Math.max(last, (e.at - s.startedAt) / 1000);
      return { time: last, code: AisessCode.agent, data: encodeEventData(AisessCode.agent, e.event) };
    });
    const firstEdit = t.edits[0];
    const changes = [...(changed.get(t.index) ?? new Map<string, string>())].map(([path, status]): PathChange => ({ key: `${t.index}:${path}`, path, blob: null, status }));
    return {
      index: t.index, start: events[0]?.time ?? 0, end: last, events, ordinals: [], changes,
      firstChangeAt: firstEdit ? Math.max(0, (firstEdit.at - s.startedAt) / 1000) : null,
    };
  });
}

/** Each turn's paths with the watcher's status word for what the turn did to them. */
function changedPaths(edits: readonly SessionEdit[]): Map<number, Map<string, string>> {
  const changed = new Map<number, Map<string, string>>();
  for (const e of edits) {
    const m = changed.get(e.turn) ?? new Map<string, string>();
    const status = e.edit.change === 'created' ? 'added' : e.edit.change === 'deleted' ? 'deleted' : 'modified';
    // Created then edited in one turn is still added; deleted at the end is deleted.
    m.set(e.path, m.has(e.path) && status !== 'deleted' ? m.get(e.path)! : status);
    changed.set(e.turn, m);
  }
  return changed;
}

export interface RecordSettings {
  boundAt: number;
  boundBy: string | null;
  noteBudget?: number;
  rules: Rules;
}

/** The record of one binding: the turn's segment with the blobs the commit gave its paths. */
export async function importRecord(
  header: JournalHeader, segments: readonly Segment[], b: TurnBinding, commit: CommitFacts, blobs: ReadonlyMap<string, string | null>, settings: RecordSettings,
): Promise<SegmentRecord> {
  const { segmentRecord } = await import('../record/body.js');
  const base = segments[b.turn]!;
  const segment: Segment = { ...base, changes: base.changes.map((c) => (blobs.has(c.path) ? { ...c, blob: blobs.get(c.path) ?? null } : c)) };
  const bound = { segment: b.turn, taken: b.taken, partial: b.partial, conversation: b.conversation };
  return segmentRecord(segment, bound, { header, commit, ...settings, lead: leadEvents(segments, b.turn), source: 'import' });
}
