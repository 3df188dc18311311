import { requireConfig } from '../config/aisess-config.js';
import type { Repo } from '../git/repo.js';

const cache = new WeakMap<Repo, Promise<string>>();

/** The notes ref for this repository (git config aisess.notesRef, or refs/notes/aisess), read once per Repo. */
export function notesRef(repo: Repo): Promise<string> {
  let ref = cache.get(repo);
  if (!ref) cache.set(repo, (ref = requireConfig(repo.git, ['notesRef']).then((c) => c.notesRef)));
  return ref;
}
