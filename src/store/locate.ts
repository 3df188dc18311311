/**
 * Where sessions are stored. Inside a git repository: `<git common dir>/aisess/`, one place shared
 * by all linked worktrees and never inside the working tree (AISESS_STATE_DIR does not override it:
 * a repository's sessions must stay with the repository). Outside a repository: AISESS_STATE_DIR,
 * else $XDG_STATE_HOME/aisess, else ~/.local/state/aisess.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { runGit } from '../git/runner.js';

export interface Store {
  /** The store directory; sessions live in `<dir>/sessions/`. */
  dir: string;
  /** 'repo': a repository with a working tree (or cwd inside its git dir); 'bare': a bare repository; 'state': no repository. */
  kind: 'repo' | 'bare' | 'state';
  /** The working tree's top level, when there is one. */
  worktree: string | null;
}

export async function locateStore(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  // --show-toplevel fails in a bare repository after the first two answers are printed: both are used.
  const r = await revParse(cwd, env);
  const [bare, commonDir, toplevel] = r.stdout.split('\n');
  if (commonDir === undefined || commonDir === '' || (bare !== 'true' && bare !== 'false')) {
    return { dir: stateDir(env), kind: 'state', worktree: null };
  }
  const dir = join(resolve(cwd, commonDir), 'aisess');
  if (bare === 'true') return { dir, kind: 'bare', worktree: null };
  return { dir, kind: 'repo', worktree: r.exitCode === 0 && toplevel ? toplevel : null };
}

export function stateDir(env: NodeJS.ProcessEnv): string {
  if (env.AISESS_STATE_DIR) return resolve(env.AISESS_STATE_DIR);
  // The XDG spec says relative values are invalid and must be ignored.
  if (env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME)) return join(env.XDG_STATE_HOME, 'aisess');
  return join(env.HOME || homedir(), '.local', 'state', 'aisess');
}

/** git missing, cwd gone or not a repository: all mean "no repository" here. */
async function revParse(cwd: string, env: NodeJS.ProcessEnv): Promise<{ exitCode: number; stdout: string }> {
  const args = ['rev-parse', '--is-bare-repository', '--git-common-dir', '--show-toplevel'];
  const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  return runGit(cwd, args, { env: strings, okCodes: [128] }).catch(() => ({ exitCode: -1, stdout: '' }));
}
