/**
 * What `aisess replay <target>` plays. A target may name a file (a path, or a file in cwd that is
 * not one of git's own), a session (id or unique prefix) or a commit (what is bound to it, as one
 * stream); one that names two of them is a usage error saying how to pick, never a silent choice.
 */
import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { UserError, isUserError } from '../errors/user-error.js';
import type { JournalEvent } from '../journal/events.js';
import { openRepo, rejectAmbiguous, tryResolve, type Repo } from '../git/repo.js';
import { readNote } from '../notes/index.js';
import { resolveViaRequest } from '../history/pull-request.js';
import { segmentView, sortViews, type SegmentView } from '../history/segment-view.js';
import { describeProblem, noSegments, nothingReadable } from '../notes/messages.js';
import { findLocalSession, loadFile, loadSessionPlayable, looksLikePath, type Playable } from './source.js';

/** Seconds between segments of different recordings, so one does not run into the next. */
const GAP = 1;

export async function loadReplayTarget(target: string | undefined, cwd: string, segment?: string): Promise<Playable> {
  if (segment !== undefined && target === undefined) throw new UserError('--segment needs a commit to replay, e.g. `aisess replay HEAD --segment 1`');
  if (target === undefined) return loadSessionPlayable(await findLocalSession(undefined, cwd));
  if (looksLikePath(target)) {
    if (!(await recordingFile(target, cwd, null))) throw new UserError(`no such file: ${target}`, { kind: 'notFound' });
    noSegment(target, segment, 'file');
    return loadFile(resolve(cwd, target));
  }
  const repo = await openRepo(cwd).catch((err: unknown) => {
    if (isUserError(err) && err.kind === 'notRepo') return null;
    throw err;
  });
  let noSession: UserError | undefined;
  const [file, session, commit] = await Promise.all([
    recordingFile(target, cwd, repo),
    // Found, not read: a journal is read only once the target is known to name it alone.
    findLocalSession(target, cwd).catch((err: unknown) => {
      if (!isUserError(err) || err.kind !== 'notFound') throw err;
      noSession = err;
      return null;
    }),
    repo ? tryResolve(repo, `${target}^{commit}`) : null,
  ]);
  const found = [file && `a file (./${target})`, session && `a session (${session.id})`, commit && `a commit (${commit.slice(0, 12)})`].filter(Boolean);
  if (found.length > 1) {
    throw new UserError(`'${target}' names ${found.join(' and ')}`, { hint: 'say which: ./NAME for a file, the full session id, or NAME^{commit} for the commit' });
  }
  if (file) {
    noSegment(target, segment, 'file');
    return loadFile(file);
  }
  if (session) {
    noSegment(target, segment, 'session');
    return loadSessionPlayable(session);
  }
  if (repo && commit) return commitPlayable(repo, target, commit, segment);
  if (repo) await rejectAmbiguous(repo, target);
  throw new UserError(noSession?.message ?? `nothing to replay named '${target}'`, {
    kind: 'notFound',
    hint: `'${target}' is not a file, a session id or a commit; \`aisess sessions\` and \`aisess log\` list what can be replayed`,
  });
}

function noSegment(target: string, segment: string | undefined, what: string): void {
  if (segment !== undefined) throw new UserError(`--segment applies to a commit, and '${target}' is a ${what}`);
}

/** A file that is a recording, not one of git's own (a bare repository's HEAD, refs, config). */
async function recordingFile(target: string, cwd: string, repo: Repo | null): Promise<string | null> {
  const path = resolve(cwd, target);
  const real = await realpath(path).catch(() => null);
  if (!real || !(await stat(real)).isFile()) return null;
  if (repo && [repo.gitDir, repo.commonDir].some((dir) => real === dir || real.startsWith(`${dir}${sep}`))) return null;
  return path;
}

async function commitPlayable(repo: Repo, target: string, commit: string, segment: string | undefined): Promise<Playable> {
  const note = await readNote(repo, commit);
  // A squash commit without notes plays what `aisess show` lists for it through its pull request.
  const resolved = note.records.length === 0 && note.problems.length === 0 ? await resolveViaRequest(repo, commit) : null;
  if (resolved) note.records = resolved.records.map((r) => r.record);
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
  throw new UserError(`no segment '${segment}' on this commit`, { kind: 'notFound', hint: `give 1 to ${views.length} (as \`aisess show\` numbers them) or a record id` });
}

/**
 * Pure: segments → one event stream starting near 0. Consecutive segments of one session keep
 * their real gaps; a segment of another recording follows the previous one after GAP seconds.
 */
export function joinSegments(views: readonly Pick<SegmentView, 'events' | 'session' | 'term'>[]): JournalEvent[] {
  const events: JournalEvent[] = [];
  let shift = 0;
  let end = 0;
  let previous: (typeof views)[number] | undefined;
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
