/**
 * Where sessions are stored. Inside a git repository: `<git common dir>/aisess/`, one place shared
 * by all linked worktrees and never inside the working tree (AISESS_STATE_DIR does not override it:
 * a repository's sessions must stay with the repository). Outside a repository: AISESS_STATE_DIR,
 * else $XDG_STATE_HOME/aisess, else ~/.local/state/aisess.
 */
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface Store {
  /** The store directory; sessions live in `<dir>/sessions/`. */
  dir: string;
  /** 'repo': a repository with a working tree (or cwd inside its git dir); 'bare': a bare repository; 'state': no repository. */
  kind: 'repo' | 'bare' | 'state';
  /** The working tree's top level, when there is one. */
  worktree: string | null;
}

export interface GitResult {
  code: number;
  stdout: string;
}
export type GitRunner = (args: string[], cwd: string, env: NodeJS.ProcessEnv) => Promise<GitResult>;

export async function locateStore(cwd: string, env: NodeJS.ProcessEnv = process.env, git: GitRunner = runGit): Promise<Store> {
  // --show-toplevel fails in a bare repository after the first two answers are printed: both are used.
  const r = await git(['rev-parse', '--is-bare-repository', '--git-common-dir', '--show-toplevel'], cwd, env);
  const [bare, commonDir, toplevel] = r.stdout.split('\n');
  if (commonDir === undefined || commonDir === '' || (bare !== 'true' && bare !== 'false')) {
    return { dir: stateDir(env), kind: 'state', worktree: null };
  }
  const dir = join(resolve(cwd, commonDir), 'aisess');
  if (bare === 'true') return { dir, kind: 'bare', worktree: null };
  return { dir, kind: 'repo', worktree: r.code === 0 && toplevel ? toplevel : null };
}

export function stateDir(env: NodeJS.ProcessEnv): string {
  if (env.AISESS_STATE_DIR) return resolve(env.AISESS_STATE_DIR);
  // The XDG spec says relative values are invalid and must be ignored.
  if (env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME)) return join(env.XDG_STATE_HOME, 'aisess');
  return join(env.HOME || homedir(), '.local', 'state', 'aisess');
}

function runGit(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((done) => {
    execFile('git', args, { cwd, env, encoding: 'utf8' }, (err, stdout) => {
      // git missing (ENOENT) or cwd gone: treated like "not a repository".
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout: stdout ?? '' });
    });
  });
}
