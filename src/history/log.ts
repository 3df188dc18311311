/**
 * `aisess log`: the commits of a range that carry segments, newest first. Built for scale: one
 * `git log` for the range, one `ls-tree` of the notes, one cat-file batch over the noted commits
 * in range, summary lines only (no payload is decompressed).
 */
import { UserError } from '../errors/user-error.js';
import { isGitError } from '../git/errors.js';
import type { Repo } from '../git/repo.js';
import { listNotedCommits, readHeadlines, type RecordHeadline } from '../notes/index.js';

export interface LogOptions {
  /** Revisions as git log takes them (`main`, `a..b`, `^x y`); default HEAD. */
  revisions?: readonly string[];
  /** At most this many commits. */
  limit?: number;
  /** Commits walked first when limit is set (tests make it small). */
  firstWalk?: number;
}

export interface LogEntry {
  commit: string;
  short: string;
  /** Committer date, Unix epoch milliseconds. */
  date: number;
  records: RecordHeadline[];
}

/** With -n, the newest commits are walked first; the whole range only when they hold too few noted ones. */
const FIRST_WALK = 4096;

export async function logCommits(repo: Repo, opts: LogOptions = {}): Promise<LogEntry[]> {
  const revisions = opts.revisions ?? [];
  const first = opts.limit !== undefined ? (opts.firstWalk ?? FIRST_WALK) : undefined;
  // Both run at once; the walk also runs without notes, so a bad range is reported either way.
  const [noted, commits] = await Promise.all([listNotedCommits(repo), walk(repo, revisions, first)]);
  let wanted = pick(commits, noted, opts.limit);
  if (first !== undefined && commits.length === first && wanted.length < opts.limit!) wanted = pick(await walk(repo, revisions), noted, opts.limit);
  if (wanted.length === 0) return [];
  const headlines = await readHeadlines(repo, wanted.map((w) => w.commit));
  return wanted.map((w) => ({ ...w, records: headlines.get(w.commit) ?? [] })).filter((e) => e.records.length > 0);
}

type Walked = { commit: string; short: string; date: number };

function pick(commits: readonly Walked[], noted: ReadonlyMap<string, unknown>, limit: number | undefined): Walked[] {
  const wanted: Walked[] = [];
  for (const c of commits) {
    if (!noted.has(c.commit)) continue;
    wanted.push(c);
    if (limit !== undefined && wanted.length >= limit) break;
  }
  return wanted;
}

/** Every commit of the range, newest first, with its committer date; ids abbreviated at the end. */
async function walk(repo: Repo, revisions: readonly string[], maxCount?: number): Promise<Walked[]> {
  for (const r of revisions) {
    if (r.startsWith('-')) throw new UserError(`'${r}' is not a revision`, { kind: 'usage', hint: 'give revisions such as main, a..b or v1..' });
  }
  // rev-list --timestamp walks 30k commits in half the time of `git log --format=%H %ct`; %h would
  // cost a lookup per commit, so ids are abbreviated to git's auto width instead.
  const args = ['rev-list', '--timestamp', ...(maxCount ? [`--max-count=${maxCount}`] : []), '--end-of-options', ...(revisions.length ? revisions : ['HEAD']), '--'];
  const out = await repo.git.run(args).catch((err: unknown) => {
    if (!isGitError(err)) throw err;
    if (/does not have any commits yet|argument 'HEAD'|bad (default )?revision 'HEAD'/i.test(err.stderr) && revisions.length === 0) return null;
    if (/unknown revision|bad revision|ambiguous argument|invalid (symmetric difference|revision range)/i.test(err.stderr)) {
      throw new UserError(`unknown revision or range '${revisions.join(' ')}'`, { kind: 'notFound', hint: 'give a commit, branch, tag or range such as main~10..main', cause: err });
    }
    throw err;
  });
  const width = await abbrevWidth(repo);
  const list: Walked[] = [];
  for (const line of out?.stdout.split('\n') ?? []) {
    const sp = line.indexOf(' ');
    if (sp < 0) continue;
    const commit = line.slice(sp + 1);
    list.push({ commit, short: commit.slice(0, width), date: Number(line.slice(0, sp)) * 1000 });
  }
  return list;
}

/** What `git log --oneline` would use: core.abbrev, or git's auto width (one commit suffices to ask). */
async function abbrevWidth(repo: Repo): Promise<number> {
  const out = await repo.git.run(['rev-parse', '--short', 'HEAD'], { okCodes: [128] }).catch(() => null);
  const n = out?.exitCode === 0 ? out.stdout.trim().length : 0;
  return n >= 4 ? n : 12;
}
