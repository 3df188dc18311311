/** The errors every reader of a commit's note gives alike: no segments, or nothing readable, and why. */
import { UserError } from '../errors/user-error.js';
import type { NoteProblem } from './types.js';

export function noSegments(rev: string, commit: string): UserError {
  return new UserError(`commit ${commit.slice(0, 12)} ('${rev}') carries no aisess segments`, {
    kind: 'noSegments',
    hint: 'run `aisess log` to list the commits that do, or `aisess attach` to bind a recording',
  });
}

/** The error for a note of which nothing could be read: names each damaged record and why. */
export function nothingReadable(commit: string, problems: readonly NoteProblem[]): UserError {
  const first = problems[0];
  const what = first ? `${describeProblem(first)}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}` : 'no record decodes';
  return new UserError(`the aisess note on ${commit.slice(0, 12)} is damaged: ${what}`, {
    kind: 'badData',
    hint: '`git notes --ref=aisess show <commit>` prints it raw; `aisess detach` removes it',
  });
}

export function describeProblem(p: NoteProblem): string {
  return `${p.recordId ? `record ${p.recordId}` : 'a line'} (note line ${p.line}): ${p.reason}`;
}
