/** One commit's segments (or a local session's), as every export format reads them. */
import type { Numstat } from '../history/files.js';
import type { SegmentView } from '../history/segment-view.js';

export interface ExportUnit {
  /** null for a session of the store that is exported before any commit took it. */
  commit: string | null;
  /** The commit's subject line, or the session id. */
  subject: string;
  /** In the order they happened (`aisess show` numbering). */
  segments: SegmentView[];
  /** +/- line counts of the paths the commit changed (empty for a session). */
  numstat: ReadonlyMap<string, Numstat | null>;
  /** What could not be read and is left out (damaged note records, damaged journal blocks), described. */
  problems: string[];
}
