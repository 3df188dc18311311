/**
 * Which remotes carry the notes ref in their configured refspecs (remote.<name>.fetch and .push):
 * without one, `git fetch` and `git push` leave aisess notes where they are.
 */
import type { Repo } from '../git/repo.js';

export interface RemoteRefspec {
  remote: string;
  direction: 'fetch' | 'push';
  refspec: string;
}

/** Pure: `git config --get-regexp` lines of remote.*.fetch|push → the refspecs that move `ref`. */
export function notesRefspecs(configLines: string, ref: string): RemoteRefspec[] {
  const found: RemoteRefspec[] = [];
  for (const line of configLines.split('\n')) {
    const m = /^remote\.(.+)\.(fetch|push) (.*)$/.exec(line);
    if (!m) continue;
    const refspec = m[3]!.trim();
    if (refspecMoves(refspec, ref)) found.push({ remote: m[1]!, direction: m[2] as 'fetch' | 'push', refspec });
  }
  return found;
}

/** `+refs/notes/aisess:refs/notes/aisess`, `refs/notes/*:refs/notes/*`: either side names (or globs over) the ref. */
function refspecMoves(refspec: string, ref: string): boolean {
  // A leading ^ is a negative refspec: it keeps the ref out.
  if (refspec.startsWith('^')) return false;
  const [src = '', dst = ''] = refspec.replace(/^\+/, '').split(':');
  return [src, dst].some((side) => globMatches(side, ref));
}

function globMatches(pattern: string, ref: string): boolean {
  if (!pattern.includes('*')) return pattern === ref;
  const [head = '', tail = ''] = pattern.split('*');
  return ref.length >= head.length + tail.length && ref.startsWith(head) && ref.endsWith(tail);
}

export async function remoteNotesRefspecs(repo: Repo, ref: string): Promise<RemoteRefspec[]> {
  const out = await repo.git.run(['config', '--get-regexp', '^remote\\..*\\.(fetch|push)$'], { okCodes: [1] });
  return notesRefspecs(out.stdout, ref);
}

export async function remoteNames(repo: Repo): Promise<string[]> {
  return (await repo.git.run(['remote'])).stdout.split('\n').filter(Boolean);
}
