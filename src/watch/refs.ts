/**
 * Where commits can appear: every worktree's HEAD and every branch tip. Parsers are pure;
 * readTips asks git for both in two cheap calls.
 */
import type { GitRun } from './run-git.js';

export interface WorktreeHead {
  path: string;
  /** null in a fresh repository without commits. */
  head: string | null;
  /** refs/heads/… when on a branch, null when detached. */
  branch: string | null;
}

/** `git worktree list --porcelain -z`: NUL-terminated attribute lines, records end with an empty one. */
export function parseWorktrees(out: string): WorktreeHead[] {
  const result: WorktreeHead[] = [];
  let cur: WorktreeHead | undefined;
  for (const line of out.split('\0')) {
    if (line.startsWith('worktree ')) result.push((cur = { path: line.slice(9), head: null, branch: null }));
    else if (!cur) continue;
    else if (line.startsWith('HEAD ')) cur.head = /^0+$/.test(line.slice(5)) ? null : line.slice(5);
    else if (line.startsWith('branch ')) cur.branch = line.slice(7);
    else if (line === 'bare') result.pop(), (cur = undefined);
  }
  return result;
}

export interface RefTip {
  ref: string;
  oid: string;
}

/** `for-each-ref --format='%(objectname) %(refname)'`; ref names hold no spaces or newlines. */
export function parseRefs(out: string): RefTip[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return { oid: line.slice(0, space), ref: line.slice(space + 1) };
    });
}

/** A place a commit can land: a worktree's HEAD, or a branch nobody has checked out. */
export interface Position {
  key: string;
  oid: string;
  ref: string;
  worktree: string | null;
}

/** Worktrees first, so a commit on a checked-out branch is attributed to the worktree that made it. */
export function positions(worktrees: WorktreeHead[], refs: RefTip[]): Position[] {
  const out: Position[] = [];
  const checkedOut = new Set<string>();
  for (const w of worktrees) {
    if (!w.head) continue;
    out.push({ key: `worktree:${w.path}`, oid: w.head, ref: w.branch ?? 'HEAD', worktree: w.path });
    if (w.branch) checkedOut.add(w.branch);
  }
  for (const r of refs) {
    if (r.ref.startsWith('refs/heads/') && !checkedOut.has(r.ref)) out.push({ key: `ref:${r.ref}`, oid: r.oid, ref: r.ref, worktree: null });
  }
  return out;
}

export interface Tips {
  positions: Position[];
  /**
   * Every other ref's object (tags, remotes, notes too): history behind them is not new. A branch
   * checked out in a worktree is left out: its commits are that worktree's HEAD's to report.
   */
  all: string[];
}

export async function readTips(run: GitRun): Promise<Tips> {
  const [wt, refs] = await Promise.all([
    run(['worktree', 'list', '--porcelain', '-z']),
    run(['for-each-ref', '--format=%(objectname) %(refname)']),
  ]);
  return tipsOf(parseWorktrees(wt), parseRefs(refs));
}

/**
 * Pure. The two reads are not one snapshot: a commit landing between them can show on its branch
 * and not yet on the HEAD of the worktree that made it. Taken as history already known, it would
 * never be reported; left out, the next look finds it at that HEAD.
 */
export function tipsOf(worktrees: WorktreeHead[], refs: RefTip[]): Tips {
  const checkedOut = new Set(worktrees.flatMap((w) => (w.branch ? [w.branch] : [])));
  return { positions: positions(worktrees, refs), all: refs.filter((r) => !checkedOut.has(r.ref)).map((r) => r.oid) };
}
