/**
 * What `aisess export <target>` exports: a commit, a range `A..B` (the commits `git rev-list`
 * gives, oldest first, that carry segments) or a session of this machine's store. A name that is
 * both a commit and a session is a usage error saying how to pick, as replay does.
 */
import { UserError, isUserError } from '../errors/user-error.js';
import { openRepo, rejectAmbiguous, tryResolve, type Repo } from '../git/repo.js';
import { showCommit } from '../history/show.js';
import { describeProblem, nothingReadable } from '../notes/messages.js';
import { findLocalSession } from '../replay/source.js';
import { sessionUnit } from './session-unit.js';
import type { ExportUnit } from './unit.js';

export interface ExportTarget {
  kind: 'commit' | 'range' | 'session';
  /** As the user gave it. */
  name: string;
  units: ExportUnit[];
}

/** Commits a range may hold: a typo like `main..` on a long history should not read every note. */
const MAX_RANGE = 10_000;

export async function loadExportTarget(target: string, cwd: string): Promise<ExportTarget> {
  if (target.includes('..')) return rangeTarget(await openRepo(cwd), target);
  const repo = await openRepo(cwd).catch((err: unknown) => {
    if (isUserError(err, 'notRepo')) return null;
    throw err;
  });
  const [session, commit] = await Promise.all([
    findLocalSession(target, cwd).catch((err: unknown) => {
      if (isUserError(err, 'notFound')) return null;
      throw err;
    }),
    repo ? tryResolve(repo, `${target}^{commit}`) : null,
  ]);
  if (session && commit) {
    throw new UserError(`'${target}' names a session (${session.id}) and a commit (${commit.slice(0, 12)})`, {
      hint: 'say which: the full session id, or NAME^{commit} for the commit',
    });
  }
  if (session) return { kind: 'session', name: target, units: [await sessionUnit(session.journal, repo)] };
  if (repo && commit) return { kind: 'commit', name: target, units: [await commitUnit(repo, target)] };
  if (!repo) {
    throw new UserError(`no session '${target}' in this machine's store, and ${cwd} is not in a git repository to find a commit in`, {
      kind: 'notRepo',
      hint: 'run it inside the repository, or give a session id (`aisess sessions` lists them)',
    });
  }
  await rejectAmbiguous(repo, target);
  throw new UserError(`nothing to export named '${target}'`, {
    kind: 'notFound',
    hint: 'give a commit, a range A..B or a session id; `aisess log` and `aisess sessions` list them',
  });
}

/** `rev`: as the user named it (a commit of a range: its id), for messages. */
async function commitUnit(repo: Repo, rev: string, subject?: string): Promise<ExportUnit> {
  const shown = await showCommit(repo, rev);
  if (shown.segments.length === 0) throw nothingReadable(shown.commit, shown.problems);
  const { commit } = shown;
  return { commit, subject: subject ?? (await subjectOf(repo, commit)), segments: shown.segments, numstat: shown.numstat, problems: shown.problems.map(describeProblem) };
}

async function rangeTarget(repo: Repo, range: string): Promise<ExportTarget> {
  if (range.startsWith('-')) throw new UserError(`'${range}' is not a range: give A..B`);
  const out = await repo.git.run(['log', '--reverse', '--format=%H%x00%s', `--max-count=${MAX_RANGE + 1}`, '--end-of-options', range, '--'], { okCodes: [128] });
  if (out.exitCode !== 0) {
    throw new UserError(`'${range}' is not a range of this repository: ${out.stderr.trim().split('\n')[0]}`, { kind: 'notFound', hint: 'give A..B with two commits, branches or tags' });
  }
  const commits = out.stdout.split('\n').filter(Boolean).map((l) => l.split('\0') as [string, string]);
  if (commits.length > MAX_RANGE) throw new UserError(`'${range}' holds more than ${MAX_RANGE} commits`, { hint: 'export a shorter range' });
  const units: ExportUnit[] = [];
  let damaged: UserError | undefined;
  for (const [commit, subject] of commits) {
    const unit = await commitUnit(repo, commit, subject).catch((err: unknown) => {
      if (isUserError(err, 'noSegments')) return null;
      if (!isUserError(err, 'badData')) throw err;
      // A note of which nothing reads does not stop the range: it is listed with what was wrong.
      damaged ??= err;
      return { commit, subject, segments: [], numstat: new Map(), problems: [err.message] };
    });
    if (unit) units.push(unit);
  }
  if (damaged && units.every((u) => u.segments.length === 0)) throw damaged;
  if (units.length === 0) {
    throw new UserError(`no commit in '${range}' carries aisess segments (${commits.length} commits looked at)`, {
      kind: 'noSegments',
      hint: 'run `aisess log` to list the commits that do',
    });
  }
  return { kind: 'range', name: range, units };
}

async function subjectOf(repo: Repo, commit: string): Promise<string> {
  return (await repo.git.run(['log', '-1', '--format=%s', commit])).stdout.trimEnd();
}
