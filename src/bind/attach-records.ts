/**
 * Pure: chosen segments of a recording → the note records a by-hand attach writes on a commit. Same
 * segments (src/segment/segmenter.ts) and record body as the binder; what differs is that the user,
 * not the binding rules, chose the commit, so every chosen segment binds and its paths are only labelled.
 */
import { UserError } from '../errors/user-error.js';
import type { JournalHeader } from '../journal/events.js';
import { recordId, segmentRecord, type CommitFacts, type SegmentRecord } from '../record/body.js';
import type { Rules } from '../redact/types.js';
import { leadEvents } from '../segment/lead.js';
import type { BoundSegment } from '../segment/rules.js';
import type { CommitDiff, Segment } from '../segment/types.js';

export interface AttachInput {
  header: JournalHeader;
  /** The recording's segments, as the one segmenter cut and named them. */
  all: readonly Segment[];
  /** Segment indexes to attach (as in record ids `<session>:<index>`); all when omitted. */
  segments?: readonly number[];
  diff: CommitDiff;
  facts: CommitFacts;
  boundAt: number;
  boundBy: string | null;
  /** The repository's redaction rules and note budget, as the binder applies them. */
  rules: Rules;
  noteBudget?: number;
  /** boundAt/boundBy of records already on the commit: kept, so attaching twice changes nothing. */
  existing?: ReadonlyMap<string, { boundAt: number; boundBy: string | null }>;
}

export async function attachRecords(input: AttachInput): Promise<SegmentRecord[]> {
  const { all } = input;
  if (all.length === 0) throw new UserError(`recording ${input.header.aisess.id} has no events to attach`, { kind: 'badData' });
  const chosen = choose(all, input.segments, input.header.aisess.id);
  return Promise.all(chosen.map(async (segment) => {
    const seen = input.existing?.get(recordId(input.header.aisess.id, segment.index));
    const ctx = {
      header: input.header, commit: input.facts, boundAt: seen?.boundAt ?? input.boundAt, boundBy: seen ? seen.boundBy : input.boundBy,
      lead: leadEvents(all, segment.index), rules: input.rules, noteBudget: input.noteBudget,
    };
    return segmentRecord(segment, labelPaths(segment, input.diff), ctx);
  }));
}

function choose(all: readonly Segment[], wanted: readonly number[] | undefined, session: string): Segment[] {
  if (!wanted || wanted.length === 0) return [...all];
  const missing = wanted.filter((n) => !all.some((s) => s.index === n));
  if (missing.length > 0) {
    throw new UserError(`session ${session} has no segment ${missing.map((n) => n + 1).join(', ')}`, {
      kind: 'notFound',
      hint: `its segments are numbered 1 to ${all.length}`,
    });
  }
  return all.filter((s) => wanted.includes(s.index));
}

/** Paths the commit changed to the segment's blob are 'full', to another blob 'partial'. */
function labelPaths(segment: Segment, diff: CommitDiff): BoundSegment {
  const taken: string[] = [];
  const partial: string[] = [];
  for (const c of segment.changes) {
    if (!diff.paths.has(c.path)) continue;
    if ((diff.paths.get(c.path) ?? null) === c.blob) taken.push(c.path);
    else partial.push(c.path);
  }
  return { segment: segment.index, taken, partial, conversation: false };
}
