/**
 * A minimal git runner for the watchers, until src/git provides the shared one.
 * Injected as a parameter so the watchers never care how git is spawned.
 */
import { spawn } from 'node:child_process';

/** Runs git with args (stdin optional) and resolves with stdout; rejects with GitExecError. */
export type GitRun = (args: string[], input?: string) => Promise<string>;

export class GitExecError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    /** True when git itself could not be started (not installed), not when it failed. */
    readonly notInstalled = false,
  ) {
    super(notInstalled ? 'git is not installed' : `git ${args.join(' ')} exited ${exitCode}: ${stderr.trim()}`);
    this.name = 'GitExecError';
  }
}

/** A runner bound to cwd. Optional locks are off so we never hold index.lock against the agent's git. */
export function gitRunner(cwd: string, env: NodeJS.ProcessEnv = process.env): GitRun {
  return (args, input) =>
    new Promise((resolve, reject) => {
      const child = spawn('git', args, {
        cwd,
        env: { ...env, GIT_OPTIONAL_LOCKS: '0' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e: NodeJS.ErrnoException) =>
        reject(new GitExecError(args, null, e.message, e.code === 'ENOENT')),
      );
      child.on('close', (code) => {
        const stderr = Buffer.concat(err).toString('utf8');
        if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else reject(new GitExecError(args, code, stderr));
      });
      // A git that exits before reading stdin must not crash us with EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(input ?? '');
    });
}
