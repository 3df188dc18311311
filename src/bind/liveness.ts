/**
 * Which commits still count: those reachable from a ref or a worktree's HEAD. A commit left behind
 * (amended, reset away, rebased, its branch deleted) lives on in the reflog only; what it held is no
 * longer in the history, so its coverage of a change is void and the change binds again to the
 * commit that holds it now.
 */
import type { Repo } from '../git/repo.js';

export async function liveCommits(repo: Repo, commits: readonly string[]): Promise<(commit: string) => boolean> {
  const wanted = [...new Set(commits)];
  if (wanted.length === 0) return () => true;
  const present = await existing(repo, wanted);
  const dead = new Set(wanted.filter((c) => !present.has(c)));
  const alive = wanted.filter((c) => present.has(c));
  for (let i = 0; i < alive.length; i += 200) {
    const chunk = alive.slice(i, i + 200);
    // Lists what the chunk reaches that no ref reaches: the unreachable ones among them, and
    // (a short walk) their unreachable ancestors. --all covers every worktree's HEAD too.
    const out = await repo.git.run(['rev-list', ...chunk, '--not', '--all']);
    const unreachable = new Set(out.stdout.split('\n').filter(Boolean));
    for (const c of chunk) if (unreachable.has(c)) dead.add(c);
  }
  return (commit) => !dead.has(commit);
}

async function existing(repo: Repo, commits: readonly string[]): Promise<Set<string>> {
  const out = await repo.git.run(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: `${commits.join('\n')}\n` });
  const present = new Set<string>();
  for (const line of out.stdout.split('\n')) {
    const [oid, type] = line.split(' ');
    if (oid && type === 'commit') present.add(oid);
  }
  return present;
}
