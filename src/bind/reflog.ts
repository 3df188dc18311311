/**
 * The commits made in a working tree, from its HEAD reflog: the binder's list of what to look at,
 * so a commit whose hook never ran (binder killed, node missing, hooks absent or not writable) is
 * still bound, in the order the commits were made. Only entries that made a commit here count: a
 * checkout, reset, fast-forward or pull moves HEAD to commits made elsewhere.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Repo } from '../git/repo.js';

export interface ReflogCommit {
  commit: string;
  /** HEAD before the entry (for an amend: the commit it replaced). */
  previous: string | null;
  /** Unix epoch milliseconds (the reflog keeps seconds). */
  at: number;
  /** Byte offset of the entry in the reflog file (-1 when git was asked instead). */
  offset: number;
  subject: string;
}

/**
 * Whether a reflog entry made a commit in this working tree. Subjects are `<action>: <message>`, the
 * action carrying the command's options (`pull -q --rebase (pick)`): `commit` and its kinds,
 * `cherry-pick`, `revert`, `am`, a rebase step (also a `pull --rebase` one), and a merge or pull
 * that made a merge commit. A fast-forward, checkout or reset brings commits made elsewhere.
 */
export function madeHere(subject: string): boolean {
  const colon = subject.indexOf(': ');
  if (colon < 0) return false;
  const [action, message] = [subject.slice(0, colon), subject.slice(colon + 2)];
  if (/^(commit|cherry-pick|revert|am)\b/.test(action)) return true;
  if (/^(rebase|pull)\b/.test(action) && /\((pick|squash|fixup|reword|edit|continue)\)$/.test(action)) return true;
  return /^(merge|pull)\b/.test(action) && message.startsWith('Merge made');
}

/** Pure: reflog file text → entries that made a commit, oldest first. */
export function parseReflog(text: string): ReflogCommit[] {
  const out: ReflogCommit[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const at = offset;
    offset += Buffer.byteLength(line) + 1;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const m = /^([0-9a-f]+) ([0-9a-f]+) .* (\d+) [+-]\d{4}$/.exec(line.slice(0, tab));
    const subject = line.slice(tab + 1);
    if (!m || !madeHere(subject)) continue;
    const previous = /^0+$/.test(m[1]!) ? null : m[1]!;
    out.push({ commit: m[2]!, previous, at: Number(m[3]) * 1000, offset: at, subject });
  }
  return out;
}

export function headLogPath(repo: Repo): string {
  return join(repo.gitDir, 'logs', 'HEAD');
}

/** The reflog's size now: what a session journals at its start. */
export async function headLogSize(repo: Repo): Promise<number | undefined> {
  return stat(headLogPath(repo)).then((s) => s.size, () => undefined);
}

export interface Since {
  /** Session start, epoch ms. */
  ms: number;
  /** The reflog's size at the session's start, when known: entries after it are the session's. */
  headLog?: number;
}

/**
 * Commits made in the repository's working tree since the session started, oldest first: entries
 * past the reflog's size at its start, or (older journals, a rewritten reflog) dated since then.
 */
export async function commitsMadeSince(repo: Repo, since: Since): Promise<ReflogCommit[]> {
  const text = await readFile(headLogPath(repo), 'utf8').catch(() => null);
  const entries = text !== null ? parseReflog(text) : await fromGit(repo);
  const byOffset = since.headLog !== undefined && text !== null && Buffer.byteLength(text) >= since.headLog;
  const fromMs = Math.floor(since.ms / 1000) * 1000 - 1000;
  return entries.filter((e) => (byOffset ? e.offset >= since.headLog! : e.at >= fromMs));
}

/** Where the reflog is not a file (the reftable backend): ask git, newest first, then reverse. */
async function fromGit(repo: Repo): Promise<ReflogCommit[]> {
  const out = await repo.git.run(['log', '-g', '-n', '1000', '--date=unix', '--format=%H%x00%gd%x00%gs', 'HEAD', '--'], { okCodes: [128] });
  const entries: ReflogCommit[] = [];
  for (const line of out.stdout.split('\n')) {
    const [commit, selector = '', subject = ''] = line.split('\0');
    const at = Number(/@\{(\d+)\}/.exec(selector)?.[1]);
    if (commit && Number.isFinite(at) && madeHere(subject)) entries.push({ commit, previous: null, at: at * 1000, offset: -1, subject });
  }
  return entries.reverse();
}
