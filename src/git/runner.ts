import { spawn } from 'node:child_process';
import { GitError, GitNotInstalledError } from './errors.js';

export interface GitRunOptions {
  /** Written to git's stdin, then stdin is closed. */
  input?: string | Uint8Array;
  /** Added to the runner's environment for this call only. */
  env?: Record<string, string>;
  /** Exit codes that are answers, not failures (e.g. 1 for `git config --get` of an unset key). */
  okCodes?: readonly number[];
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `git <args>` in a fixed directory. Injected everywhere git is needed, so tests can wrap it. */
export interface GitRunner {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  run(args: readonly string[], opts?: GitRunOptions): Promise<GitResult>;
}

export function createGitRunner(cwd: string, env: Record<string, string> = {}): GitRunner {
  return {
    cwd,
    env,
    run: (args, opts = {}) => runGit(cwd, args, { ...opts, env: { ...env, ...opts.env } }),
  };
}

/** Spawns git once; rejects with GitNotInstalledError or GitError. */
export function runGit(cwd: string, args: readonly string[], opts: GitRunOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new GitNotInstalledError(e) : e);
    });
    // git may exit before reading all of stdin (e.g. a bad argument): EPIPE is not the error to report.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input);
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0 || (code !== null && opts.okCodes?.includes(code))) {
        resolve({ stdout, stderr, exitCode: code });
        return;
      }
      reject(new GitError({ args, cwd, exitCode: code, signal, stderr }));
    });
  });
}
