/** `aisess detach`: remove records (all of them when none is named) from a commit's note. */
import { UserError } from '../errors/user-error.js';
import { resolveCommit, type Repo } from '../git/repo.js';
import { readNote, removeRecords } from '../notes/index.js';
import { noSegments } from '../notes/messages.js';

export interface DetachResult {
  commit: string;
  /** Record ids removed, damaged ones included. */
  removed: string[];
  /** The removed records that were damaged. */
  damaged: string[];
  /** Unreadable lines that named no record, dropped along (only when detaching everything). */
  droppedLines: number;
}

export async function detach(repo: Repo, rev: string, ids?: readonly string[]): Promise<DetachResult> {
  const commit = await resolveCommit(repo, rev);
  const note = await readNote(repo, commit);
  if (note.records.length === 0 && note.problems.length === 0) throw noSegments(rev, commit);
  const present = new Set([...note.records.map((r) => r.id), ...note.problems.flatMap((p) => (p.recordId ? [p.recordId] : []))]);
  const unknown = (ids ?? []).filter((id) => !present.has(id));
  if (unknown.length > 0) {
    throw new UserError(`commit ${commit.slice(0, 12)} has no record ${unknown.join(', ')}`, {
      kind: 'notFound',
      hint: `its records: ${[...present].join(', ') || '(none readable)'}`,
    });
  }
  const chosen = ids && ids.length > 0 ? ids : undefined;
  const outcome = await removeRecords(repo, commit, chosen);
  const damagedIds = new Set(note.problems.flatMap((p) => (p.recordId ? [p.recordId] : [])));
  const droppedLines = chosen ? 0 : note.problems.filter((p) => !p.recordId).length;
  return { commit, removed: outcome.removed, damaged: outcome.removed.filter((id) => damagedIds.has(id)), droppedLines };
}
