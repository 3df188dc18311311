import { UserError } from '../errors/user-error.js';
import { MIN_GIT_VERSION } from './version.js';

/** git is not on PATH (spawn failed with ENOENT): the user must install it. */
export class GitNotInstalledError extends UserError {
  constructor(cause?: unknown) {
    super('git is not installed or not on PATH', {
      kind: 'unavailable',
      hint: `install git ${MIN_GIT_VERSION} or newer and try again`,
      cause,
    });
    this.name = 'GitNotInstalledError';
  }
}

/** git ran and failed: carries the command, exit code and stderr so the caller can decide. */
export class GitError extends Error {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;

  constructor(opts: {
    args: readonly string[];
    cwd: string;
    exitCode: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }) {
    const how = opts.signal ? `was killed by ${opts.signal}` : `failed with exit code ${opts.exitCode}`;
    const detail = firstLines(opts.stderr, 3);
    super(`\`git ${opts.args.join(' ')}\` ${how}${detail ? `: ${detail}` : ''}`);
    this.name = 'GitError';
    this.args = opts.args;
    this.cwd = opts.cwd;
    this.exitCode = opts.exitCode;
    this.signal = opts.signal;
    this.stderr = opts.stderr;
  }
}

export function isGitError(err: unknown): err is GitError {
  return err instanceof GitError;
}

function firstLines(text: string, n: number): string {
  return text.trim().split('\n').slice(0, n).join(' | ');
}
