/**
 * A session of this machine's store, exported as its note would hold it: cut by the one segmenter
 * and compacted by the note pipeline (src/record/body.ts), so secrets are redacted and only what
 * draws the screen is kept, exactly as if it were attached to a commit. A file written by export is
 * meant to be shared: it must hold no more than a note does.
 */
import { dirname } from 'node:path';
import { loadRecording } from '../bind/attach-source.js';
import { UserError } from '../errors/user-error.js';
import { segmentView, sortViews } from '../history/segment-view.js';
import type { Repo } from '../git/repo.js';
import { segmentRecord } from '../record/body.js';
import { builtinRules, loadRules } from '../redact/rules.js';
import { leadEvents } from '../segment/lead.js';
import { segmentSession } from '../segment/segmenter.js';
import type { ExportUnit } from './unit.js';

/** An export is not a note: no size budget cuts its stream (this is the largest a note line may be). */
const NO_BUDGET = 1 << 30;
const NO_COMMIT = { id: '', tree: '', patchId: null, paths: [] };

/** `repo`: the repository whose redaction rules (aisess.redact.*) apply too, as the binder applies them. */
export async function sessionUnit(journal: string, repo: Repo | null): Promise<ExportUnit> {
  const rules = repo ? await loadRules(repo) : builtinRules();
  const recording = await loadRecording({ kind: 'file', path: journal }, dirname(journal));
  const { segments } = segmentSession(recording.events);
  const id = recording.header.aisess.id;
  if (segments.length === 0) throw new UserError(`session ${id} has no events to export`, { kind: 'badData' });
  const records = await Promise.all(segments.map((segment) => {
    const paths = segment.changes.map((c) => c.path);
    const bound = { segment: segment.index, taken: paths, partial: [], conversation: paths.length === 0 };
    return segmentRecord(segment, bound, {
      header: recording.header, commit: NO_COMMIT, boundAt: Date.now(), boundBy: null, noteBudget: NO_BUDGET, rules, lead: leadEvents(segments, segment.index),
    });
  }));
  return { commit: null, subject: `session ${id}`, segments: sortViews(records.map(segmentView)), numstat: new Map(), problems: recording.skipped };
}
