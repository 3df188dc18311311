/**
 * The commits an imported edit may be in: those after the sessions started that change one of the
 * paths they edited (reachable from HEAD, or from every ref with `all`), oldest first, each with the
 * lines its own diff (against its first parent) adds and removes in those paths. Merges are left
 * out: their diff repeats their branch's commits.
 */
import { commitInfo, type CommitInfo } from '../bind/git-facts.js';
import { withCatFile, type CatFileBatch } from '../git/cat-file.js';
import { tryResolve, type Repo } from '../git/repo.js';
import { align, LineTable, splitLines } from '../segment/line-diff.js';
import type { PathDiff } from './match.js';

/** At most this many commits are looked at (the newest): an import is about recent work. */
export const MAX_COMMITS = 2000;
/** Files larger than this (or binary) are compared as whole blobs only, as the binder does. */
const MAX_TEXT = 4 << 20;

export interface CandidateCommit {
  id: string;
  /** Committer time, epoch ms. */
  time: number;
  /** The wanted paths this commit changes. */
  paths: Map<string, PathDiff>;
  info: CommitInfo;
}

export interface CommitQuery {
  /** Epoch ms: commits older than this are not looked at. */
  since: number;
  all: boolean;
  paths: readonly string[];
}

export async function candidateCommits(repo: Repo, q: CommitQuery): Promise<CandidateCommit[]> {
  if (q.paths.length === 0) return [];
  if (!q.all && (await tryResolve(repo, 'HEAD^{commit}')) === null) return [];
  const args = ['--literal-pathspecs', 'log', '--no-merges', '--format=%H %ct', `--max-count=${MAX_COMMITS}`,
    `--since=@${Math.max(0, Math.floor(q.since / 1000))}`, ...(q.all ? ['--exclude=refs/notes/*', '--all'] : ['HEAD']), '--stdin'];
  // Paths on stdin (after `--`): thousands of them would not fit on a command line.
  const input = `--\n${q.paths.filter((p) => !p.includes('\n')).join('\n')}\n`;
  const listed = (await repo.git.run(args, { input })).stdout.split('\n').filter(Boolean).map((l) => l.split(' '));
  const wanted = new Set(q.paths);
  const commits: CandidateCommit[] = [];
  await withCatFile(repo.git, async (cat) => {
    for (const [id = '', ct = '0'] of listed.reverse()) {
      const info = await commitInfo(repo, id);
      const paths = new Map<string, PathDiff>();
      for (const [path, [before, after]] of info.view.paths) if (wanted.has(path)) paths.set(path, await pathDiff(cat, before, after));
      commits.push({ id: info.id, time: Number(ct) * 1000, paths, info });
    }
  });
  return commits;
}

async function pathDiff(cat: CatFileBatch, before: string | null, after: string | null): Promise<PathDiff> {
  const [old, now] = await Promise.all([textOf(cat, before), textOf(cat, after)]);
  if (old === undefined || now === undefined) return { blob: after, text: null, added: [], removed: [], deleted: after === null };
  const table = new LineTable();
  const a = splitLines(old ?? '');
  const b = splitLines(now ?? '');
  const { keptOld, keptNew } = align(table.intern(a), table.intern(b));
  return { blob: after, text: now, added: b.filter((_, i) => !keptNew[i]), removed: a.filter((_, i) => !keptOld[i]), deleted: after === null };
}

/** A blob's text; null for no blob; undefined when binary, too big or unreadable. */
async function textOf(cat: CatFileBatch, blob: string | null): Promise<string | null | undefined> {
  if (blob === null) return null;
  const o = await cat.read(blob);
  if (!o || o.type !== 'blob' || o.data.length > MAX_TEXT || o.data.includes(0)) return undefined;
  return o.data.toString('utf8');
}
