/**
 * The errors a user can act on, raised anywhere in aisess: one line and a hint, no stack. Each has a
 * kind; only the CLI (src/cli/errors.ts) turns a kind into an exit code. Anything else thrown is an
 * internal error, printed with its stack.
 */

export type ErrorKind =
  /** Bad command-line usage: unknown option, missing argument, an ambiguous name. */
  | 'usage'
  /** The input named does not exist (session, file, commit). */
  | 'notFound'
  /** The commit exists and carries no aisess segments. */
  | 'noSegments'
  /** Input exists but is damaged or of an unsupported version (a note, a journal, metadata, a config value). */
  | 'badData'
  /** Not inside a git repository (or a bare one) where one is required. */
  | 'notRepo'
  /** A required external program (git, the agent) is missing. */
  | 'unavailable'
  /** The operation needs a terminal and none is attached. */
  | 'noTty'
  /** The notes ref exists but cannot be read (its object is missing or not a commit). */
  | 'brokenRef'
  /** A git remote could not be reached, or refused a fetch or push (nothing local changed). */
  | 'remote'
  /** Pushing notes to a remote the user has not allowed, without confirmation (no terminal and no --yes, or answered no). */
  | 'notAllowed';

export class UserError extends Error {
  readonly kind: ErrorKind;
  readonly hint?: string;
  constructor(message: string, opts: { kind?: ErrorKind; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'UserError';
    this.kind = opts.kind ?? 'usage';
    this.hint = opts.hint;
  }
}

export function isUserError(err: unknown, kind?: ErrorKind): err is UserError {
  return err instanceof UserError && (kind === undefined || err.kind === kind);
}
