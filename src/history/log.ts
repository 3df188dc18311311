/**
 * `aisess log`: the commits of a range that carry segments, newest first. Built for scale: one
 * `git log` for the range, one `ls-tree` of the notes, one cat-file batch over the noted commits
 * in range, summary lines only (no payload is decompressed). A commit without notes whose
 * message names a pull/merge request with a fetched head is listed with the records of the
 * request's commits it holds (src/history/pull-request.ts): only then are payloads read.
 */
import { UserError } from '../errors/user-error.js';
import { isGitError } from '../git/errors.js';
import type { Repo } from '../git/repo.js';
import { listNotedCommits, readHeadlines, type RecordHeadline } from '../notes/index.js';
import { requestHeads, requestKey, requestOf, resolveViaRequest, type Resolved } from './pull-request.js';
import type { RequestRef } from './segment-view.js';

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
  /** Set when the commit carries no notes and the records were found through its pull/merge request. */
  via?: RequestRef;
}

/** With -n, the newest commits are walked first; the whole range only when they hold too few noted ones. */
const FIRST_WALK = 4096;

export async function logCommits(repo: Repo, opts: LogOptions = {}): Promise<LogEntry[]> {
  const revisions = opts.revisions ?? [];
  const first = opts.limit !== undefined ? (opts.firstWalk ?? FIRST_WALK) : undefined;
  // All run at once; the walk also runs without notes, so a bad range is reported either way.
  const [noted, commits, heads] = await Promise.all([listNotedCommits(repo), walk(repo, revisions, first), requestHeads(repo)]);
  const viaRequest = new ViaRequest(repo, noted, heads);
  let wanted = await pick(commits, noted, opts.limit, viaRequest);
  if (first !== undefined && commits.length === first && wanted.length < opts.limit!) wanted = await pick(await walk(repo, revisions), noted, opts.limit, viaRequest);
  if (wanted.length === 0) return [];
  const headlines = await readHeadlines(repo, wanted.flatMap((w) => (w.via ? [] : [w.commit])));
  return wanted
    .map(({ via, ...w }) => (via ? { ...w, records: via.records.map((r) => ({ id: r.record.id, summary: r.record.summary })), via: via.via } : { ...w, records: headlines.get(w.commit) ?? [] }))
    .filter((e) => e.records.length > 0);
}

type Walked = { commit: string; short: string; date: number };
type Picked = Walked & { via?: Resolved };

async function pick(commits: readonly Walked[], noted: ReadonlyMap<string, unknown>, limit: number | undefined, viaRequest: ViaRequest): Promise<Picked[]> {
  const wanted: Picked[] = [];
  const named = await viaRequest.named(commits);
  for (const c of commits) {
    if (noted.has(c.commit)) wanted.push(c);
    else if (named.has(c.commit)) {
      const via = await viaRequest.resolve(c.commit);
      if (!via) continue;
      wanted.push({ ...c, via });
    }
    if (limit !== undefined && wanted.length >= limit) break;
  }
  return wanted;
}

/**
 * Commits without notes whose message names a pull/merge request with a fetched head: their
 * records are found through it (src/history/pull-request.ts). Costs nothing when no request head
 * was fetched; otherwise one `git log` for the messages, and a resolution per such commit listed.
 */
class ViaRequest {
  private readonly resolved = new Map<string, Promise<Resolved | null>>();
  constructor(
    private readonly repo: Repo,
    private readonly noted: ReadonlyMap<string, unknown>,
    private readonly heads: Map<string, { ref: string; head: string }[]>,
  ) {}

  async named(commits: readonly Walked[]): Promise<Set<string>> {
    const unnoted = commits.filter((c) => !this.noted.has(c.commit)).map((c) => c.commit);
    if (this.heads.size === 0 || unnoted.length === 0) return new Set();
    const out = await this.repo.git.run(['log', '--no-walk=unsorted', '--stdin', '--no-show-signature', '--format=%H%x1f%B%x1e'], { input: `${unnoted.join('\n')}\n` });
    const named = new Set<string>();
    for (const entry of out.stdout.split('\x1e')) {
      const [commit, message = ''] = entry.replace(/^\n/, '').split('\x1f');
      const req = commit ? requestOf(message) : null;
      if (req && this.heads.has(requestKey(req))) named.add(commit!);
    }
    return named;
  }

  resolve(commit: string): Promise<Resolved | null> {
    let r = this.resolved.get(commit);
    if (!r) this.resolved.set(commit, (r = resolveViaRequest(this.repo, commit, this.heads)));
    return r;
  }
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
