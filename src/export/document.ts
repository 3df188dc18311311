/**
 * Pure: what is exported → the one document every format is written from, and the JSON that
 * `aisess export --format json` prints. Field names are a contract (docs/export.md): add fields,
 * never rename or drop one. Segments are `aisess show --json` segments (docs/show-json.md) plus
 * their number and their terminal stream, as it may be played: only what draws the screen.
 */
import { segmentDetail, type SegmentDetail } from '../history/show-json.js';
import type { SegmentView } from '../history/segment-view.js';
import { filterCastEvents } from '../term/screen-filter.js';
import type { ExportTarget } from './target.js';

export const EXPORT_FORMAT = 'aisess-export';
export const EXPORT_VERSION = 1;

export type StreamEvent = [number, 'o' | 'r', string];

export interface ExportSegment extends SegmentDetail {
  /** 1-based, in the order of its commit (as `aisess show` numbers them). */
  number: number;
  /** Output and resize events, seconds since the session started; output filtered to what draws. */
  stream: StreamEvent[];
}

export interface ExportCommit {
  commit: string | null;
  subject: string;
  segments: ExportSegment[];
  problems: string[];
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  kind: ExportTarget['kind'];
  target: string;
  commits: ExportCommit[];
}

export function exportDocument(target: ExportTarget): ExportDocument {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    kind: target.kind,
    target: target.name,
    commits: target.units.map((u) => ({
      commit: u.commit,
      subject: u.subject,
      segments: u.segments.map((view, i) => ({ ...segmentDetail(view, u.numstat), number: i + 1, stream: streamOf(view) })),
      problems: u.problems,
    })),
  };
}

const RESIZE = /^[1-9]\d{0,3}x[1-9]\d{0,3}$/;

/** A note is foreign input: its output is filtered like replay's, a resize must be COLSxROWS. */
export function streamOf(view: SegmentView): StreamEvent[] {
  const kept = view.events.filter((e): e is StreamEvent => e[1] === 'o' || (e[1] === 'r' && RESIZE.test(e[2])));
  return filterCastEvents(kept);
}
