/**
 * Pure: the copy of a record that `aisess rebind` writes on the commit that now holds its change.
 * Same id (a record is once per commit, and the old commit keeps its copy), same summary; the body
 * names the new commit and says where the record came from (`rebound`, src/record/body.ts).
 */
import type { NoteRecord } from '../notes/index.js';
import type { CommitFacts, Rebound } from '../record/body.js';
import type { MatchRule, TargetCommit } from './rebind-match.js';

/** A body this can add provenance to: a JSON object (anything else is not a segment, and is left where it is). */
export function hasObjectBody(record: NoteRecord): boolean {
  return record.body !== null && typeof record.body === 'object' && !Array.isArray(record.body);
}

export function reboundRecord(record: NoteRecord, from: string, to: TargetCommit, rule: MatchRule, at: number, by: string | null): NoteRecord {
  const body = record.body as Record<string, unknown>;
  const commit: CommitFacts = { id: to.id, tree: to.tree, patchId: to.patchId, paths: [...to.paths.keys()] };
  const rebound: Rebound = { from, rule, at, by, ...(isFacts(body.commit) && { was: body.commit }) };
  return { id: record.id, summary: record.summary, body: { ...body, commit, rebound } };
}

function isFacts(v: unknown): v is CommitFacts {
  return v !== null && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string';
}
