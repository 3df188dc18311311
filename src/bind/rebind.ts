/**
 * `aisess rebind`: records stranded on commits that were rewritten elsewhere (a hosted squash- or
 * rebase-merge, a force-push) are copied to the commits that now hold their change. The old commits
 * keep their records: nothing is removed, and a record is written once per commit.
 *
 * Without a range, candidates are the records on noted commits that neither HEAD nor any
 * remote-tracking branch reaches any more (a local branch that was squash-merged still counts: its
 * commits are no longer what was published), looked for among every commit HEAD or a
 * remote-tracking branch reaches that none of the old commits reaches (what came after them). With
 * a range, they are the records on noted commits the range's commits do not reach, looked for in
 * the range. Rules in src/bind/rebind-match.ts.
 */
import { readAisessConfig } from '../config/aisess-config.js';
import { UserError } from '../errors/user-error.js';
import { withCatFile } from '../git/cat-file.js';
import type { Repo } from '../git/repo.js';
import { appendRecords, listNotedCommits, readHeadlines, readNotes, type NoteRecord } from '../notes/index.js';
import { blobReader, listTargets, oldCommit, presentCommits, publishedTips, targetFacts, unreachableFrom } from './rebind-git.js';
import { matchRecord, type MatchRule, type TargetCommit } from './rebind-match.js';
import { hasObjectBody, reboundRecord } from './rebound.js';

export interface RebindOptions {
  /** Where to look (git rev-list revisions); default: what came after the old commits on HEAD and the remote-tracking branches. */
  range?: readonly string[];
  dryRun?: boolean;
  now?: () => number;
}

export interface RebindReport {
  dryRun: boolean;
  /** Records copied (with dryRun: that would be) to the commit that now holds their change. */
  rebound: { from: string; to: string; rule: MatchRule; records: string[] }[];
  /** Records a commit of the range already carries (rebound before, or bound there by content). */
  already: { from: string; to: string; records: string[] }[];
  /** Records no commit of the range was found to hold, and why. */
  notFound: { from: string; records: string[]; reason: string }[];
  /** Old commits whose records were looked for, how many of them are gone from the object store, and how many commits were searched. */
  searched: { oldCommits: number; gone: number; commits: number };
}

export async function rebind(repo: Repo, opts: RebindOptions = {}): Promise<RebindReport> {
  for (const r of opts.range ?? []) {
    if (r.startsWith('-')) throw new UserError(`'${r}' is not a revision`, { kind: 'usage', hint: 'give revisions such as origin/main or main~20..main' });
  }
  const report: RebindReport = { dryRun: opts.dryRun === true, rebound: [], already: [], notFound: [], searched: { oldCommits: 0, gone: 0, commits: 0 } };
  const noted = [...(await listNotedCommits(repo)).keys()];
  const { commits: present, missing } = await presentCommits(repo, noted);
  let stranded: string[];
  let listed: { id: string; tree: string }[] = [];
  let tips: string[] = [];
  if (opts.range?.length) {
    // A named range: what its commits do not reach is looked for in it (a merged branch still on
    // the remote is reachable from a remote-tracking branch, but not from the branch it was squashed into).
    listed = await listTargets(repo, opts.range);
    stranded = [...(await unreachableFrom(repo, [...present], listed.map((t) => t.id)))];
  } else {
    tips = await publishedTips(repo);
    stranded = [...(await unreachableFrom(repo, [...present], tips))];
  }
  const old = [...stranded, ...[...missing].sort()];
  const notes = await readNotes(repo, old);
  const withRecords = old.filter((c) => (notes.get(c)?.records.length ?? 0) > 0);
  if (!opts.range?.length && tips.length && withRecords.length) {
    // What came after the old commits; for old commits that are gone, what was committed after
    // their records were bound (a day's slack for clocks), else the whole history would be searched.
    const after = withRecords.some((c) => present.has(c)) ? await listTargets(repo, [...tips, ...stranded.map((c) => `^${c}`)]) : [];
    const gone = withRecords.filter((c) => missing.has(c)).flatMap((c) => notes.get(c)!.records.map(boundAt));
    const since = gone.length ? gone.reduce<number>((min, t) => Math.min(min, t ?? 0), Infinity) - DAY_MS : null;
    const later = since !== null ? await listTargets(repo, tips, since > 0 ? since : undefined) : [];
    listed = [...new Map([...after, ...later].map((t) => [t.id, t])).values()];
  }
  report.searched = { oldCommits: withRecords.length, gone: withRecords.filter((c) => missing.has(c)).length, commits: listed.length };
  if (withRecords.length === 0) return report;

  // A record id a commit of the range already carries has been found before (or bound there live).
  const carried = new Map<string, string>();
  for (const [commit, heads] of await readHeadlines(repo, listed.map((t) => t.id))) for (const h of heads) if (!carried.has(h.id)) carried.set(h.id, commit);
  const targets = await targetFacts(repo, listed);
  const byId = new Map(targets.map((t) => [t.id, t]));
  const moves = new Map<string, { from: string; to: string; rule: MatchRule; records: NoteRecord[] }>();
  await withCatFile(repo.git, async (cat) => {
    const readBlob = blobReader(cat);
    for (const from of withRecords) {
      const oc = await oldCommit(repo, from, present.has(from));
      for (const record of notes.get(from)!.records) {
        const home = carried.get(record.id);
        if (home) {
          add(report.already, { from, to: home }, record.id);
          continue;
        }
        if (!hasObjectBody(record)) {
          addNotFound(report, from, record.id, 'its body is not a segment record');
          continue;
        }
        const match = await matchRecord(record, oc, targets, readBlob);
        if (!match.found) {
          addNotFound(report, from, record.id, match.reason);
          continue;
        }
        for (const to of match.targets) {
          const key = `${from} ${to} ${match.rule}`;
          const move = moves.get(key) ?? { from, to, rule: match.rule, records: [] };
          move.records.push(record);
          moves.set(key, move);
        }
      }
    }
  });
  report.rebound = [...moves.values()].map((m) => ({ from: m.from, to: m.to, rule: m.rule, records: m.records.map((r) => r.id) }));
  if (!report.dryRun && moves.size > 0) await write(repo, [...moves.values()], byId, (opts.now ?? Date.now)());
  return report;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a record was bound (epoch ms), or null when its body does not say. */
function boundAt(record: NoteRecord): number | null {
  const at = (record.body as { boundAt?: unknown } | null)?.boundAt;
  return typeof at === 'number' && Number.isFinite(at) && at > 0 ? at : null;
}

/** One atomic notes write per new commit, whatever number of old commits its records come from. */
async function write(repo: Repo, moves: readonly { from: string; to: string; rule: MatchRule; records: NoteRecord[] }[], targets: ReadonlyMap<string, TargetCommit>, at: number): Promise<void> {
  const by = (await readAisessConfig(repo.git)).config.userEmail;
  const perTarget = new Map<string, NoteRecord[]>();
  for (const m of moves) {
    const list = perTarget.get(m.to) ?? [];
    // The same id from two old commits (one segment bound in parts to two commits a squash joined): the first copy is kept.
    for (const r of m.records) if (!list.some((x) => x.id === r.id)) list.push(reboundRecord(r, m.from, targets.get(m.to)!, m.rule, at, by));
    perTarget.set(m.to, list);
  }
  for (const [to, records] of perTarget) await appendRecords(repo, to, records);
}

function add(list: { from: string; to: string; records: string[] }[], where: { from: string; to: string }, id: string): void {
  const entry = list.find((e) => e.from === where.from && e.to === where.to);
  if (entry) entry.records.push(id);
  else list.push({ ...where, records: [id] });
}

function addNotFound(report: RebindReport, from: string, id: string, reason: string): void {
  const entry = report.notFound.find((e) => e.from === from && e.reason === reason);
  if (entry) entry.records.push(id);
  else report.notFound.push({ from, records: [id], reason });
}
