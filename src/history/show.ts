/** The segments bound to one commit, decoded, plus what could not be read. */
import { resolveCommit, type Repo } from '../git/repo.js';
import { readNote, type NoteProblem } from '../notes/index.js';
import { noSegments } from '../notes/messages.js';
import { commitNumstat, type Numstat } from './files.js';
import { resolveViaRequest } from './pull-request.js';
import { segmentView, sortViews, type RequestRef, type SegmentView } from './segment-view.js';

export interface ShownCommit {
  commit: string;
  segments: SegmentView[];
  problems: NoteProblem[];
  /** +/- line counts of every path the commit changed. */
  numstat: Map<string, Numstat | null>;
  /** Set when the commit carries no records and they were found through its pull/merge request (src/history/pull-request.ts). */
  via?: RequestRef | null;
}

/** Throws notFound for an unknown commit or one without segments; damaged records come back as problems. */
export async function showCommit(repo: Repo, rev: string): Promise<ShownCommit> {
  const commit = await resolveCommit(repo, rev);
  const note = await readNote(repo, commit);
  if (note.records.length === 0 && note.problems.length === 0) {
    const resolved = await resolveViaRequest(repo, commit);
    if (!resolved) throw noSegments(rev, commit);
    const views = resolved.records.map(({ record, from, rule }) => ({ ...segmentView(record), rebound: { from, rule, at: null, by: null, via: resolved.via } }));
    return { commit, segments: sortViews(views), problems: [], numstat: await commitNumstat(repo, commit), via: resolved.via };
  }
  const numstat = note.records.length ? await commitNumstat(repo, commit) : new Map<string, Numstat | null>();
  const views = note.records.map((r) => withVariants(segmentView(r), (note.variants ?? []).filter((v) => v.id === r.id).map(segmentView)));
  return { commit, segments: sortViews(views), problems: note.problems, numstat };
}

const RANK = { full: 2, partial: 1 } as const;

/** One segment bound to several commits that a squash joined: each path as bound by any of them. */
function withVariants(view: SegmentView, variants: readonly SegmentView[]): SegmentView {
  if (variants.length === 0) return view;
  const paths = view.paths.map((p) => {
    const labels = [p.bound, ...variants.map((v) => v.paths.find((q) => q.path === p.path)?.bound ?? null)];
    const best = labels.reduce((a, b) => ((b ? RANK[b] : 0) > (a ? RANK[a] : 0) ? b : a), null);
    return { ...p, bound: best };
  });
  return { ...view, paths };
}
