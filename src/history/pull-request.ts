/**
 * Read-time resolution: a squash commit made by a hosting service carries no notes, but its message
 * names the pull/merge request (`feature (#7)` on GitHub, `See merge request group/app!7` on
 * GitLab), and a remote that keeps the request's head (`refs/pull/7/head`,
 * `refs/merge-requests/7/head`, fetched into `refs/remotes/<remote>/…`) still has the commits it
 * replaced. Their records are listed when the squash commit holds their change (the rules of
 * `aisess rebind`, src/bind/rebind-match.ts); nothing is written.
 */
import { blobReader, oldCommit, requestOfRef, targetFacts, type Request } from '../bind/rebind-git.js';
import { matchRecord, type MatchRule } from '../bind/rebind-match.js';
import { withCatFile } from '../git/cat-file.js';
import type { Repo } from '../git/repo.js';
import { readNotes, type NoteRecord } from '../notes/index.js';
import type { RequestRef } from './segment-view.js';

export { requestOfRef, type Request };

/** Pure: the request a commit message names, or null. GitHub's `(#N)` ends the subject; GitLab's `!N` ends it or a "See merge request" line. */
export function requestOf(message: string): Request | null {
  const subject = message.split('\n', 1)[0]!.trim();
  const pull = /\(#(\d{1,9})\)$/.exec(subject);
  if (pull) return { kind: 'pull', number: Number(pull[1]) };
  const merge = /^See merge request \S*!(\d{1,9})\s*$/m.exec(message) ?? /(?:^|[\s(])!(\d{1,9})\)?$/.exec(subject);
  return merge ? { kind: 'merge', number: Number(merge[1]) } : null;
}

/** Every fetched request head: `<kind>:<number>` → [{ref, head}], one for-each-ref. */
export async function requestHeads(repo: Repo): Promise<Map<string, { ref: string; head: string }[]>> {
  const out = await repo.git.run(['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)', 'refs/pull/', 'refs/merge-requests/', 'refs/remotes/']);
  const heads = new Map<string, { ref: string; head: string }[]>();
  for (const line of out.stdout.split('\n')) {
    const [head, type, ref] = line.split(' ');
    const req = ref && type === 'commit' ? requestOfRef(ref) : null;
    if (!req || !head) continue;
    const key = requestKey(req);
    heads.set(key, [...(heads.get(key) ?? []), { ref: ref!, head }]);
  }
  return heads;
}

export function requestKey(r: Request): string {
  return `${r.kind}:${r.number}`;
}

export interface Resolved {
  via: RequestRef;
  records: { record: NoteRecord; from: string; rule: MatchRule }[];
}

/**
 * The records of a request's commits (head back to where it left the squash commit's parent) that
 * the squash commit holds; null when the message names no request, no head of it was fetched, or
 * none of its records is in the commit.
 */
export async function resolveViaRequest(repo: Repo, commit: string, heads?: Map<string, { ref: string; head: string }[]>): Promise<Resolved | null> {
  const shown = await repo.git.run(['show', '-s', '--no-show-signature', '--format=%T %P%n%B', commit]);
  const [line = '', ...message] = shown.stdout.split('\n');
  const [tree = '', ...parents] = line.split(' ').filter(Boolean);
  const req = parents.length <= 1 ? requestOf(message.join('\n')) : null;
  if (!req) return null;
  const found = (heads ?? (await requestHeads(repo))).get(requestKey(req)) ?? [];
  for (const { ref, head } of found.sort((a, b) => (a.ref < b.ref ? -1 : 1))) {
    const records = await resolveHead(repo, { id: commit, tree, parent: parents[0] ?? null }, head);
    if (records.length) return { via: { ...req, ref }, records };
  }
  return null;
}

async function resolveHead(repo: Repo, squash: { id: string; tree: string; parent: string | null }, head: string): Promise<Resolved['records']> {
  const walk = await repo.git.run(['rev-list', '--no-merges', head, ...(squash.parent ? [`^${squash.parent}`] : []), '--']);
  const commits = walk.stdout.split('\n').filter((c) => c !== '' && c !== squash.id);
  const notes = await readNotes(repo, commits);
  const noted = commits.filter((c) => (notes.get(c)?.records.length ?? 0) > 0);
  if (noted.length === 0) return [];
  const targets = await targetFacts(repo, [{ id: squash.id, tree: squash.tree }]);
  const out: Resolved['records'] = [];
  await withCatFile(repo.git, async (cat) => {
    const readBlob = blobReader(cat);
    for (const from of noted) {
      const old = await oldCommit(repo, from, true);
      for (const record of notes.get(from)!.records) {
        if (out.some((o) => o.record.id === record.id)) continue;
        const match = await matchRecord(record, old, targets, readBlob);
        if (match.found) out.push({ record, from, rule: match.rule });
      }
    }
  });
  return out;
}
