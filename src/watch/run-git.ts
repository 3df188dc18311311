/**
 * The watchers' narrow view of the shared git runner (src/git/runner.ts): stdout of one call.
 * Optional locks are off so a watcher never holds index.lock against the agent's own git.
 */
import { createGitRunner, type GitRunner } from '../git/runner.js';

/** Runs git with args (stdin and extra environment optional) and resolves with stdout; rejects with GitError. */
export type GitRun = (args: string[], input?: string | Uint8Array, env?: Record<string, string>) => Promise<string>;

export function watchRun(git: GitRunner): GitRun {
  return (args, input, env) => git.run(args, { input, env: { GIT_OPTIONAL_LOCKS: '0', ...env } }).then((r) => r.stdout);
}

/** A runner for a directory, for callers that have none to inject. */
export function gitRunner(cwd: string): GitRun {
  return watchRun(createGitRunner(cwd));
}
