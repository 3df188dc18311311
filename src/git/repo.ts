import { UserError } from '../errors/user-error.js';
import { isGitError } from './errors.js';
import { createGitRunner, type GitRunner } from './runner.js';

/** A repository as git sees it from a directory. Linked worktrees share commonDir (refs, notes, config). */
export interface Repo {
  git: GitRunner;
  /** This worktree's git dir (`.git`, or `.git/worktrees/<name>` in a linked worktree). */
  gitDir: string;
  /** Where refs, objects and config live; equals gitDir outside linked worktrees. */
  commonDir: string;
  /** Top of the working tree; null in a bare repository or inside the git dir. */
  workTree: string | null;
  bare: boolean;
}

export interface OpenRepoOptions {
  /** Refuse bare repositories and git dirs with a notRepo UserError. */
  requireWorkTree?: boolean;
  /** Extra environment for every git call (tests pin identities through it). */
  env?: Record<string, string>;
}

/** Opens the repository containing cwd, or throws a UserError (exit code notRepo). */
export async function openRepo(cwd: string, opts: OpenRepoOptions = {}): Promise<Repo> {
  const git = createGitRunner(cwd, opts.env);
  const args = ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--is-bare-repository', '--is-inside-work-tree'];
  const notRepo = (cause?: unknown): UserError =>
    new UserError(`not a git repository: ${cwd}`, { kind: 'notRepo', hint: 'run aisess inside a git repository', cause });
  const rethrow = (err: unknown): never => {
    throw isGitError(err) && /not a git repository/i.test(err.stderr) ? notRepo(err) : err;
  };
  // Mostly inside a working tree: ask for its top in the same call (git refuses it elsewhere, exit 128).
  const both = await git.run([...args, '--show-toplevel'], { okCodes: [128] }).catch(rethrow);
  if (both.exitCode !== 0 && /not a git repository/i.test(both.stderr)) throw notRepo();
  const out = both.exitCode === 0 ? both : await git.run(args).catch(rethrow);
  const [gitDir = '', commonDir = '', bare, inside, top] = out.stdout.trimEnd().split('\n');
  const workTree = inside !== 'true' ? null : out === both && top !== undefined ? top : (await git.run(['rev-parse', '--show-toplevel'])).stdout.trimEnd();
  if (opts.requireWorkTree && workTree === null) {
    const what = bare === 'true' ? 'a bare repository' : 'inside a git directory';
    throw new UserError(`${cwd} is ${what}; this needs a working tree`, { kind: 'notRepo', hint: 'run it in a checkout of the repository' });
  }
  // Run later commands from the top of the worktree so relative paths and worktree-local refs agree.
  const runner = workTree ? createGitRunner(workTree, opts.env) : git;
  return { git: runner, gitDir, commonDir, workTree, bare: bare === 'true' };
}

/** Resolves a revision to a full commit id, or throws a notFound UserError naming it. */
export async function resolveCommit(repo: Repo, rev: string): Promise<string> {
  const oid = await tryResolve(repo, `${rev}^{commit}`);
  if (oid) return oid;
  await rejectAmbiguous(repo, rev);
  throw new UserError(`no commit named '${rev}'`, { kind: 'notFound', hint: 'give a commit id, branch or tag' });
}

/**
 * A short object id that more than one object starts with is a usage error of its own: git's
 * --verify only says "no such object", which would send the user looking for a commit that exists.
 */
export async function rejectAmbiguous(repo: Repo, rev: string): Promise<void> {
  if (!/^[0-9a-f]{4,39}$/i.test(rev)) return;
  const out = await repo.git.run(['rev-parse', `--disambiguate=${rev}`], { okCodes: [128] });
  const matches = out.stdout.split('\n').filter((l) => l !== '');
  if (matches.length < 2) return;
  const commits = (await repo.git.run(['cat-file', '--batch-check=%(objecttype) %(objectname)'], { input: `${matches.join('\n')}\n` })).stdout
    .split('\n')
    .filter((l) => l.startsWith('commit '))
    .map((l) => l.slice('commit '.length, 'commit '.length + 12));
  throw new UserError(`'${rev}' is ambiguous: ${matches.length} objects start with it${commits.length ? ` (commits ${commits.join(', ')})` : ''}`, {
    hint: 'give more characters of the commit id',
  });
}

/** Resolves a revision to an object id; null when it does not exist. */
export async function tryResolve(repo: Repo, rev: string): Promise<string | null> {
  if (rev.startsWith('-')) return null;
  const out = await repo.git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', rev], { okCodes: [1] });
  return out.exitCode === 0 ? out.stdout.trim() : null;
}
