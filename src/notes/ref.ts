import { UserError } from '../cli/errors.js';
import type { Repo } from '../git/repo.js';

/** aisess's notes ref; never refs/notes/commits, which belongs to the user. */
export const DEFAULT_NOTES_REF = 'refs/notes/aisess';
/** `git config aisess.notesRef <ref>` moves aisess to another notes ref. */
export const NOTES_REF_CONFIG = 'aisess.notesRef';

const cache = new WeakMap<Repo, Promise<string>>();

/** The notes ref for this repository (configured or default), read once per Repo. */
export function notesRef(repo: Repo): Promise<string> {
  let ref = cache.get(repo);
  if (!ref) {
    ref = repo.git
      .run(['config', '--get', NOTES_REF_CONFIG], { okCodes: [1] })
      .then((r) => (r.exitCode === 0 ? expandNotesRef(r.stdout.trim()) : DEFAULT_NOTES_REF));
    cache.set(repo, ref);
  }
  return ref;
}

/** Expands like git's expand_notes_ref: `x` and `notes/x` mean `refs/notes/x`. */
export function expandNotesRef(value: string): string {
  const ref = value.startsWith('refs/notes/') ? value : value.startsWith('notes/') ? `refs/${value}` : `refs/notes/${value}`;
  if (!/^refs\/notes\/[A-Za-z0-9._\/-]+$/.test(ref) || ref.includes('..') || ref.endsWith('/') || ref.endsWith('.lock')) {
    throw new UserError(`${NOTES_REF_CONFIG} is not a valid notes ref: ${JSON.stringify(value)}`, {
      code: 'badData',
      hint: `set it to a name under refs/notes/, e.g. \`git config ${NOTES_REF_CONFIG} ${DEFAULT_NOTES_REF}\``,
    });
  }
  return ref;
}
