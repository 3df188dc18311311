/**
 * The files a segment changed, with +/- line counts: from the agent's own edit reports when it made
 * them, else from the commit's diff for that path (git diff-tree --numstat).
 */
import type { Repo } from '../git/repo.js';
import { samePath } from '../segment/attribution.js';
import type { FileEdit } from './agent-view.js';
import type { SegmentView } from './segment-view.js';

export interface Numstat {
  added: number;
  removed: number;
}

export interface ShownFile {
  path: string;
  /** The watcher's status word ('added', 'modified', 'deleted'…), or the agent's change when only it saw the file. */
  status: string;
  /** As bound: this commit took the change in full or in part; null: not in this commit. */
  bound: 'full' | 'partial' | null;
  /** null for a binary file or when nothing knows. */
  added: number | null;
  removed: number | null;
  /** Where the counts come from. */
  counts: 'transcript' | 'git' | null;
}

/** path → counts for every path a commit changed (relative to its first parent; a root commit to nothing). */
export async function commitNumstat(repo: Repo, commit: string): Promise<Map<string, Numstat | null>> {
  const out = await repo.git.run(['diff-tree', '-r', '--root', '--no-commit-id', '--numstat', '-z', commit]).catch(() => null);
  return parseNumstat(out?.stdout ?? '');
}

/** `-z` output: `added\tremoved\tpath\0`; binary files count '-'. */
export function parseNumstat(text: string): Map<string, Numstat | null> {
  const map = new Map<string, Numstat | null>();
  for (const entry of text.split('\0')) {
    const m = /^(\d+|-)\t(\d+|-)\t(.+)$/s.exec(entry.replace(/^\n/, ''));
    if (!m) continue;
    map.set(m[3]!, m[1] === '-' ? null : { added: Number(m[1]), removed: Number(m[2]) });
  }
  return map;
}

const CHANGE_STATUS: Record<FileEdit['change'], string> = { created: 'added', edited: 'modified', deleted: 'deleted' };

export function shownFiles(paths: SegmentView['paths'], edits: readonly FileEdit[], numstat: ReadonlyMap<string, Numstat | null>, cwd: string | null): ShownFile[] {
  const used = new Set<FileEdit>();
  const files = paths.map((p): ShownFile => {
    const mine = edits.filter((e) => samePath(e.path, p.path));
    mine.forEach((e) => used.add(e));
    if (mine.length) return { ...p, added: sum(mine, 'added'), removed: sum(mine, 'removed'), counts: 'transcript' };
    const n = numstat.get(p.path);
    return { ...p, added: n?.added ?? null, removed: n?.removed ?? null, counts: n ? 'git' : null };
  });
  for (const e of edits) {
    if (used.has(e)) continue;
    // An edit the watcher saw in another segment of the commit is still in the commit.
    const inCommit = [...numstat.keys()].find((p) => samePath(e.path, p));
    const path = inCommit ?? relative(e.path, cwd);
    files.push({ path, status: CHANGE_STATUS[e.change], bound: inCommit ? 'full' : null, added: e.added, removed: e.removed, counts: 'transcript' });
  }
  return files;
}

function sum(edits: readonly FileEdit[], k: 'added' | 'removed'): number {
  return edits.reduce((n, e) => n + e[k], 0);
}

function relative(path: string, cwd: string | null): string {
  return cwd && path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}
