/**
 * Which commit now holds a record whose commit was rewritten elsewhere: a record goes to a commit
 * only on evidence that the commit holds its change. Strongest first:
 *
 * 1. `patch-id`: the commit's `git patch-id --stable` equals the old commit's (a rebase-merge, a
 *    cherry-pick, a force-pushed rebase): an exact copy of the change.
 * 2. `contained`: one commit changes every path the record bound, and for each, either to the very
 *    blob the segment wrote, or so that every line the old commit added and removed there is added
 *    and removed again (src/bind/contained.ts): a squash of several commits takes them all.
 *
 * Two commits that contain the change equally are a question this cannot answer: the record is
 * reported, not guessed. Everything read from the record is foreign input.
 */
import type { NoteRecord } from '../notes/index.js';
import { changeContained } from './contained.js';
import { isObjectId } from '../git/object-id.js';

export type PathBlobs = ReadonlyMap<string, readonly [before: string | null, after: string | null]>;

/** A commit a record may move to: its tree, patch-id and each changed path's blobs. */
export interface TargetCommit {
  id: string;
  tree: string;
  patchId: string | null;
  paths: PathBlobs;
}

/** The commit a record is on now; `paths` is null when its object is gone (only the record is left). */
export interface OldCommit {
  id: string;
  patchId: string | null;
  paths: PathBlobs | null;
}

export type MatchRule = 'patch-id' | 'contained';

export type Match = { found: true; targets: string[]; rule: MatchRule } | { found: false; reason: string };

/** A blob's text; 'binary' for a binary or very large blob (compared by id only); null when missing. */
export type ReadBlob = (oid: string) => Promise<string | 'binary' | null>;

interface RecordFacts {
  patchId: string | null;
  /** Paths the record's commit took (in full or in part) and the blob the segment left there. */
  bound: { path: string; blob: string | null }[];
}


export function recordFacts(record: NoteRecord): RecordFacts {
  const body = (record.body ?? {}) as { commit?: { patchId?: unknown }; paths?: unknown };
  const patchId = typeof body.commit?.patchId === 'string' && isObjectId(body.commit.patchId) ? body.commit.patchId : null;
  const paths = Array.isArray(body.paths) ? (body.paths as unknown[]) : [];
  const bound = paths.flatMap((p) => {
    const e = (p ?? {}) as { path?: unknown; blob?: unknown; bound?: unknown };
    if (typeof e.path !== 'string' || (e.bound !== 'full' && e.bound !== 'partial')) return [];
    return [{ path: e.path, blob: typeof e.blob === 'string' && isObjectId(e.blob) ? e.blob : null }];
  });
  return { patchId, bound };
}

export async function matchRecord(record: NoteRecord, old: OldCommit, targets: readonly TargetCommit[], readBlob: ReadBlob): Promise<Match> {
  const facts = recordFacts(record);
  // The old commit's own patch-id when its object is here; else what the record says it was.
  const patchId = old.patchId ?? facts.patchId;
  const candidates = targets.filter((t) => t.id !== old.id);
  if (patchId) {
    const same = candidates.filter((t) => t.patchId === patchId);
    if (same.length > 0) return { found: true, targets: same.map((t) => t.id), rule: 'patch-id' };
  }
  // A record that bound no path (a conversation, a recording attached by hand) stands for its old
  // commit's whole change; without the old commit, only the patch-id could find it.
  const bound = facts.bound.length > 0 ? facts.bound : old.paths ? [...old.paths.keys()].map((path) => ({ path, blob: undefined })) : [];
  if (bound.length === 0) return { found: false, reason: old.paths ? 'its commit changed nothing' : 'its commit is gone and it names no path to look for' };
  const touching = candidates.filter((t) => bound.every((b) => t.paths.has(b.path)));
  if (touching.length === 0) return { found: false, reason: `no commit in the range changes ${describePaths(bound.map((b) => b.path))}` };
  const verdicts = await Promise.all(touching.map(async (t) => ({ t, why: await whyNot(bound, old, t, readBlob) })));
  const holding = verdicts.filter((v) => v.why === null).map((v) => v.t.id);
  if (holding.length === 1) return { found: true, targets: holding, rule: 'contained' };
  if (holding.length > 1) return { found: false, reason: `${holding.length} commits hold its change (${holding.map((h) => h.slice(0, 12)).join(', ')}): not guessing` };
  const first = verdicts[0]!;
  return { found: false, reason: `${first.t.id.slice(0, 12)} ${first.why}${verdicts.length > 1 ? ` (and ${verdicts.length - 1} other commit${verdicts.length > 2 ? 's' : ''} fall short too)` : ''}` };
}

/** null when the target holds the record's change on every bound path; else why not, for the report. */
async function whyNot(bound: readonly { path: string; blob: string | null | undefined }[], old: OldCommit, target: TargetCommit, readBlob: ReadBlob): Promise<string | null> {
  for (const b of bound) {
    const [tBefore, tAfter] = target.paths.get(b.path)!;
    // The target leaves the path exactly as the segment did.
    if (b.blob !== undefined && b.blob === tAfter) continue;
    const change = old.paths?.get(b.path);
    if (!change) {
      const why = old.paths ? 'the old commit does not change it either' : 'the old commit is gone to compare lines';
      return `does not leave ${quote(b.path)} as the segment did, and ${why}`;
    }
    const [oBefore, oAfter] = change;
    if (oBefore === tBefore && oAfter === tAfter) continue;
    const texts = await Promise.all([oBefore, oAfter, tBefore, tAfter].map((oid) => (oid === null ? Promise.resolve(null) : readBlob(oid))));
    if (texts.some((t, i) => t === 'binary' || (t === null && [oBefore, oAfter, tBefore, tAfter][i] !== null))) {
      return `changes ${quote(b.path)} differently (a binary or unreadable file is compared whole)`;
    }
    const [ob, oa, tb, ta] = texts as (string | null)[];
    const verdict = changeContained({ before: ob!, after: oa! }, { before: tb!, after: ta! });
    if (!verdict.contained) {
      const what = verdict.missing === 'deleted' ? 'does not delete it' : verdict.missing === 'added' ? 'lacks a line the old commit added' : 'keeps a line the old commit removed';
      return `${what} in ${quote(b.path)}`;
    }
  }
  return null;
}

function describePaths(paths: readonly string[]): string {
  return paths.length <= 2 ? paths.map(quote).join(' and ') : `all of ${quote(paths[0]!)} and ${paths.length - 1} more paths`;
}

function quote(path: string): string {
  return JSON.stringify(path);
}
