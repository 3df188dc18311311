/** Which remote `aisess sync` talks to, and the refs it uses there. */
import { isRemoteName, requireConfig } from '../config/aisess-config.js';
import { UserError } from '../errors/user-error.js';
import type { Repo } from '../git/repo.js';

export interface SyncRemote {
  name: string;
  /** Where it points (for the summary before a first push); a URL or a path. */
  url: string;
  /** The user allowed pushes there (`git config aisess.pushRemote`). */
  allowed: boolean;
}

/**
 * The remote named, else aisess.syncRemote, else the first aisess.pushRemote, else `origin`, else
 * the only remote. A separate notes remote (a private repository beside a public one) is a remote
 * like any other: `git remote add notes <url>`, then `aisess sync notes` or aisess.syncRemote.
 */
export async function resolveRemote(repo: Repo, given: string | undefined): Promise<SyncRemote> {
  const config = await requireConfig(repo.git, ['syncRemote', 'pushRemotes']);
  const remotes = (await repo.git.run(['remote'])).stdout.split('\n').filter((r) => r !== '');
  const name = given ?? config.syncRemote ?? config.pushRemotes[0] ?? (remotes.includes('origin') ? 'origin' : remotes.length === 1 ? remotes[0] : undefined);
  if (name === undefined) {
    throw new UserError(remotes.length === 0 ? 'this repository has no remote to sync notes with' : `which remote? this repository has ${remotes.length}: ${remotes.join(', ')}`, {
      kind: 'usage',
      hint: remotes.length === 0 ? 'add one with `git remote add <name> <url>`, then `aisess sync <name>`' : 'name it (`aisess sync <remote>`) or set a default: `git config aisess.syncRemote <remote>`',
    });
  }
  if (!isRemoteName(name) || !remotes.includes(name)) {
    throw new UserError(`no git remote named '${name}'${remotes.length ? ` (remotes: ${remotes.join(', ')})` : ''}`, {
      kind: 'notFound',
      hint: 'give the name of a remote, not a URL: `git remote add <name> <url>` adds one (a private repository for notes may sit beside a public one)',
    });
  }
  const url = (await repo.git.run(['remote', 'get-url', '--', name])).stdout.trim();
  return { name, url, allowed: config.pushRemotes.includes(name) };
}

/** refs/notes/aisess → refs/notes/remotes/<remote>/aisess: the fetched copy, which only a fetch writes. */
export function trackingRef(notesRef: string, remote: string): string {
  return `refs/notes/remotes/${remote}/${notesRef.replace(/^refs\/notes\//, '')}`;
}

/** Records that the user allowed pushing notes to this remote (once; kept in the repository's config). */
export async function allowPushRemote(repo: Repo, remote: string): Promise<void> {
  const { pushRemotes } = await requireConfig(repo.git, ['pushRemotes']);
  if (!pushRemotes.includes(remote)) await repo.git.run(['config', '--local', '--add', 'aisess.pushRemote', remote]);
}
