/** The exit codes scripts can rely on (README: Exit codes), and the one place an error kind becomes one. */
import type { ErrorKind, UserError } from '../errors/user-error.js';

export const ExitCode = {
  ok: 0,
  /** The commit exists and carries no aisess segments (as grep exits 1 for no match). */
  noSegments: 1,
  /** `aisess doctor` found at least one problem (each printed with the command that fixes it). */
  problemsFound: 1,
  /** Internal error (a bug): the stack is printed. */
  internal: 70,
  usage: 64,
  notFound: 66,
  badData: 65,
  notRepo: 67,
  unavailable: 69,
  noTty: 68,
  brokenRef: 74,
  /** A remote could not be reached or refused (aisess sync); nothing local changed. */
  remote: 76,
  /** A first push of notes to a remote was not confirmed (aisess sync): nothing was pushed. */
  notAllowed: 77,
} as const satisfies Record<ErrorKind | 'ok' | 'internal' | 'problemsFound', number>;

export function exitCodeOf(err: UserError): number {
  return ExitCode[err.kind];
}
