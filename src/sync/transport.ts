/** The two network steps of `aisess sync`: fetch the remote's notes ref, push ours. Nothing else talks to a remote. */
import { UserError } from '../errors/user-error.js';
import { isGitError } from '../git/errors.js';
import type { Repo } from '../git/repo.js';

/** git's answers that mean "the remote has no such ref": a remote without notes yet, not a failure. */
const NO_REMOTE_REF = /couldn't find remote ref/i;

/**
 * Fetches the remote's notes ref into our tracking ref, forced: the tracking ref mirrors the remote
 * and is ours alone; the notes ref itself is never a fetch's destination, so nothing fetched can
 * overwrite a local note. Returns the fetched notes commit (null: the remote has no notes).
 * A dry run learns the remote's tip with ls-remote and fetches its objects into no ref at all.
 */
export async function fetchNotes(repo: Repo, remote: string, ref: string, tracking: string, dryRun = false): Promise<string | null> {
  const base = ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--no-auto-maintenance', '--', remote];
  try {
    if (dryRun) {
      const listed = (await repo.git.run(['ls-remote', '--', remote, ref])).stdout.split('\n').find((l) => l.endsWith(`\t${ref}`));
      const tip = listed?.split('\t')[0] ?? null;
      if (tip && !(await hasObject(repo, tip))) await repo.git.run([...base, ref]);
      return tip;
    }
    await repo.git.run([...base, `+${ref}:${tracking}`]);
  } catch (err) {
    if (isGitError(err) && NO_REMOTE_REF.test(err.stderr)) return null;
    throw remoteFailed(remote, 'fetch', err);
  }
  const out = await repo.git.run(['rev-parse', '-q', '--verify', '--end-of-options', `${tracking}^{commit}`], { okCodes: [1] });
  return out.stdout.trim() || null;
}

export type PushResult = { ok: true } | { ok: false; retry: boolean; reason: string };

/** git's reasons for a refused update that a fetch, merge and another push can mend. */
const RACE = /fetch first|non-fast-forward|stale info|failed to lock|cannot lock|failed to update ref|incorrect old value|is at [0-9a-f]+ but expected/i;

/**
 * Pushes a notes commit to the remote's notes ref, never forced: when someone pushed in between,
 * the remote refuses (not a fast-forward) and the caller fetches, merges and tries again.
 */
export async function pushNotes(repo: Repo, remote: string, commit: string, ref: string): Promise<PushResult> {
  let out;
  try {
    out = await repo.git.run(['push', '--porcelain', '--', remote, `${commit}:${ref}`], { okCodes: [1] });
  } catch (err) {
    throw remoteFailed(remote, 'push', err);
  }
  const line = out.stdout.split('\n').find((l) => l.includes(`:${ref}\t`));
  if (out.exitCode === 0 && line && !line.startsWith('!')) return { ok: true };
  const reason = line?.split('\t')[2] ?? (out.stderr.trim().split('\n').at(-1) || `git push exited with ${out.exitCode}`);
  return { ok: false, retry: RACE.test(reason) || RACE.test(out.stderr), reason };
}

async function hasObject(repo: Repo, oid: string): Promise<boolean> {
  return (await repo.git.run(['cat-file', '-e', `${oid}^{commit}`], { okCodes: [1, 128] })).exitCode === 0;
}

function remoteFailed(remote: string, what: 'fetch' | 'push', err: unknown): unknown {
  if (!isGitError(err)) return err;
  // git's first line names the cause ("… does not appear to be a git repository"); the rest is advice.
  const detail = err.stderr.trim().split('\n').find((l) => l.trim() !== '')?.replace(/^(fatal|error): /, '') || `git ${what} exited with ${err.exitCode}`;
  return new UserError(`could not ${what} notes ${what === 'fetch' ? 'from' : 'to'} '${remote}': ${detail}`, {
    kind: 'remote',
    hint: `check that the remote is reachable (\`git ${what === 'fetch' ? 'ls-remote' : 'push --dry-run'} ${remote}\`); your local notes are unchanged`,
    cause: err,
  });
}
