/**
 * `aisess replay <commit> [--segment N]`: what is bound to a commit, as a Playable. Resolution
 * order for a replay target: a file, a session id or prefix (src/replay/source.ts), then a commit.
 */
import { ExitCode, UserError, isUserError } from '../cli/errors.js';
import type { JournalEvent } from '../journal/events.js';
import { openRepo, tryResolve } from '../git/repo.js';
import { readNote } from '../notes/index.js';
import { segmentView, sortViews, type SegmentView } from '../history/segment-view.js';
import { describeProblem, noSegments, nothingReadable } from '../history/show.js';
import { loadPlayable, type Playable } from './source.js';

/** Seconds between segments of different recordings, so one does not run into the next. */
const GAP = 1;

export async function loadReplayTarget(target: string | undefined, cwd: string, segment?: string): Promise<Playable> {
  if (segment !== undefined && target === undefined) throw new UserError('--segment needs a commit to replay, e.g. `aisess replay HEAD --segment 1`');
  let notFound: UserError;
  try {
    const playable = await loadPlayable(target, cwd);
    if (segment !== undefined) throw new UserError(`--segment applies to a commit, and '${target}' is a ${playable.name === target ? 'file' : 'session'}`);
    return playable;
  } catch (err) {
    if (target === undefined || !isUserError(err) || err.exitCode !== ExitCode.notFound) throw err;
    notFound = err;
  }
  const fromCommit = await loadCommitPlayable(target, cwd, segment);
  if (fromCommit) return fromCommit;
  throw new UserError(notFound.message, { code: 'notFound', hint: `'${target}' is not a file, a session id or a commit; \`aisess sessions\` and \`aisess log\` list what can be replayed` });
}

/** null when target names no commit (or cwd is in no repository): the caller says nothing matched. */
export async function loadCommitPlayable(target: string, cwd: string, segment?: string): Promise<Playable | null> {
  const repo = await openRepo(cwd).catch((err: unknown) => {
    if (isUserError(err) && err.exitCode === ExitCode.notRepo) return null;
    throw err;
  });
  const commit = repo && (await tryResolve(repo, `${target}^{commit}`));
  if (!repo || !commit) return null;
  const note = await readNote(repo, commit);
  if (note.records.length === 0 && note.problems.length === 0) throw noSegments(target, commit);
  if (note.records.length === 0) throw nothingReadable(commit, note.problems);
  const views = pickSegments(sortViews(note.records.map(segmentView)), segment);
  return {
    name: `${commit.slice(0, 12)}${segment !== undefined ? ` segment ${segment}` : ''}`,
    term: views[0]!.term,
    events: joinSegments(views),
    skipped: note.problems.map(describeProblem),
    local: false,
  };
}

/** N is the 1-based position `aisess show` gives a segment; a record id works too. */
export function pickSegments(views: SegmentView[], segment: string | undefined): SegmentView[] {
  if (segment === undefined) return views;
  const byId = views.find((v) => v.id === segment);
  if (byId) return [byId];
  const n = /^\d+$/.test(segment) ? Number(segment) : NaN;
  const view = views[n - 1];
  if (view) return [view];
  throw new UserError(`no segment '${segment}' on this commit`, { code: 'notFound', hint: `give 1 to ${views.length} (as \`aisess show\` numbers them) or a record id` });
}

/**
 * Pure: segments → one event stream starting near 0. Consecutive segments of one session keep
 * their real gaps; a segment of another recording follows the previous one after GAP seconds.
 */
export function joinSegments(views: readonly SegmentView[]): JournalEvent[] {
  const events: JournalEvent[] = [];
  let shift = 0;
  let end = 0;
  let previous: SegmentView | undefined;
  for (const view of views) {
    const first = view.events[0];
    if (!first) continue;
    const continues = previous && previous.session !== null && previous.session === view.session && first[0] + shift >= end;
    if (!continues) shift = (previous ? end + GAP : 0) - first[0];
    if (previous && (previous.term.cols !== view.term.cols || previous.term.rows !== view.term.rows)) {
      events.push({ time: first[0] + shift, code: 'r', data: `${view.term.cols}x${view.term.rows}` });
    }
    for (const [time, code, data] of view.events) events.push({ time: time + shift, code, data });
    end = events.at(-1)!.time;
    previous = view;
  }
  return events;
}
