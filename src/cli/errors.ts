/**
 * Typed errors and the exit codes scripts can rely on. Only src/cli/main.ts maps them to an exit.
 * User errors print one actionable line; anything else is an internal error and prints its stack.
 */
export const ExitCode = {
  ok: 0,
  /** The commit exists and carries no aisess segments (as grep exits 1 for no match). */
  noSegments: 1,
  /** Internal error (a bug): the stack is printed. */
  internal: 70,
  /** Bad command-line usage: unknown flag, missing argument. */
  usage: 64,
  /** The input named does not exist (session, file, commit). */
  notFound: 66,
  /** Input exists but is damaged or of an unsupported version. */
  badData: 65,
  /** Not inside a git repository (or a bare one) where one is required. */
  notRepo: 67,
  /** A required external program (git, the agent) is missing. */
  unavailable: 69,
  /** The operation needs a terminal and none is attached. */
  noTty: 68,
  /** The notes ref exists but cannot be read (its object is missing or not a commit). */
  brokenRef: 74,
} as const;
export type ExitCodeName = keyof typeof ExitCode;

/** An error the user can act on: printed as one line, no stack. */
export class UserError extends Error {
  readonly exitCode: number;
  readonly hint?: string;
  constructor(message: string, opts: { code?: ExitCodeName; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'UserError';
    this.exitCode = ExitCode[opts.code ?? 'usage'];
    this.hint = opts.hint;
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
