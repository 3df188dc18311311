/**
 * One pass of the worktree watcher: git status gives the dirty paths, stat skips the ones
 * unchanged since last time, git hashes the rest in one batch, and paths that left the dirty
 * set take their index blob. A change is a path whose content identity differs from before.
 * A path modified in the last moments is held back for a later scan: writing a file truncates it
 * before filling it, and a scan in between would report an empty file the writer never meant.
 */
import { hashPaths, indexBlobs, midWrite, sameStat, statPath, type BlobKeeper, type FileStat } from './blobs.js';
import type { GitRun } from './run-git.js';
import { parseStatus, statusArgs, type StatusEntry } from './status.js';

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface WorktreeChange {
  path: string;
  /** Git blob id of the content now; null when the file is gone. */
  blob: string | null;
  status?: ChangeStatus;
  /** Source of a rename git recorded in the index. */
  from?: string;
  /** The blob the path had before (as last seen, else in HEAD); null when it did not exist. */
  before?: string | null;
  /** When the file was last written (epoch ms); absent for a deletion. */
  mtime?: number;
}

interface Known {
  blob: string | null;
  stat: FileStat | null;
  /** When the stat was taken: a file modified just before may change again unseen by stat. */
  statAt: number;
}

export interface ScanOptions {
  root: string;
  run: GitRun;
  algo: 'sha1' | 'sha256';
  ignore: (path: string) => boolean;
  untrackedCache: boolean;
  /** Keep hashed content readable for the binder (src/watch/blobs.ts). */
  keep?: BlobKeeper;
  now?: () => number;
}

// Coarse filesystem timestamps (1 s on some, 2 s on FAT) can hide a rewrite of the same size.
const RACY_MS = 2000;
/** A file modified this recently may be half-written: report it once it has been still this long. */
export const SETTLE_MS = 50;
/** A file written without pause (a log) is reported anyway once held back this long. */
const MAX_HOLD_MS = 500;

export class Scanner {
  private known = new Map<string, Known>();
  /** Paths held back as possibly half-written, with when they were first held. */
  private held = new Map<string, number>();
  private scanned = false;
  private readonly now: () => number;
  constructor(private readonly opts: ScanOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The dirty paths currently known with their blobs. */
  dirty(): Map<string, string | null> {
    return new Map([...this.known].map(([p, k]) => [p, k.blob]));
  }

  /** Whether the last scan held back a change that a later scan must look at again. */
  get unsettled(): boolean {
    return this.held.size > 0;
  }

  async scan(): Promise<WorktreeChange[]> {
    const entries = this.dirtyEntries(await this.opts.run(statusArgs(this.opts.untrackedCache)));
    for (const path of this.held.keys()) if (!entries.has(path)) this.held.delete(path);
    const changes = await this.scanDirty(entries);
    changes.push(...(await this.scanCleaned(entries)));
    this.scanned = true;
    return changes;
  }

  private dirtyEntries(out: string): Map<string, StatusEntry> {
    const byPath = new Map<string, StatusEntry>();
    for (const e of parseStatus(out)) {
      if (e.submodule || this.opts.ignore(e.path)) continue;
      const seen = byPath.get(e.path);
      if (!seen) byPath.set(e.path, e);
      else if (seen.headBlob === null) seen.headBlob = e.headBlob;
    }
    return byPath;
  }

  private async scanDirty(entries: Map<string, StatusEntry>): Promise<WorktreeChange[]> {
    const statAt = this.now();
    const stats = await Promise.all([...entries.keys()].map((p) => statPath(this.opts.root, p)));
    const paths = [...entries.keys()];
    const toHash: { path: string; stat: FileStat }[] = [];
    const blobs = new Map<string, string | null>();
    paths.forEach((path, i) => {
      const stat = stats[i] ?? null;
      const prev = this.known.get(path);
      if (!stat) blobs.set(path, null);
      else if (prev?.stat && sameStat(prev.stat, stat) && prev.statAt - stat.mtimeMs > RACY_MS) blobs.set(path, prev.blob);
      else toHash.push({ path, stat });
    });
    const hashed = await hashPaths(this.opts.run, this.opts.root, toHash, this.opts.algo, this.opts.keep);
    if (!this.scanned) await this.hashSteady(toHash, hashed, (path, stat) => (stats[paths.indexOf(path)] = stat));
    const blobOf = (path: string) => (blobs.has(path) ? blobs.get(path)! : (hashed.get(path) ?? null));
    const beforeOf = (path: string) => this.known.get(path)?.blob ?? (this.known.has(path) ? null : entries.get(path)!.headBlob);
    const moved = await this.unsettledPaths(paths.flatMap((p, i) => (stats[i] && blobOf(p) !== beforeOf(p) ? [{ path: p, stat: stats[i]! }] : [])));
    const changes: WorktreeChange[] = [];
    paths.forEach((path, i) => {
      const entry = entries.get(path)!;
      const blob = blobOf(path);
      const prev = this.known.get(path);
      const before = beforeOf(path);
      if (moved.has(path)) return;
      this.known.set(path, { blob, stat: stats[i] ?? null, statAt });
      if (prev && blob === before) return;
      if (!prev && blob === before && entry.kind !== 'renamed') return;
      changes.push(describe(path, blob, before, entry, stats[i]?.mtimeMs));
    });
    return changes;
  }

  /**
   * The snapshot holds nothing back, but an agent writing a file in the session's first instant
   * can truncate or fill it between its stat and its hash: such a file is hashed again, after a
   * pause, until its stat held still across a hash. The blob reported is then one the file had at
   * the time reported with it. A file written without pause is taken as it is after MAX_HOLD_MS.
   */
  private async hashSteady(items: { path: string; stat: FileStat }[], hashed: Map<string, string | null>, restat: (path: string, stat: FileStat) => void): Promise<void> {
    let moving = items;
    for (let round = 0; round < MAX_HOLD_MS / SETTLE_MS && moving.length > 0; round++) {
      const after = await Promise.all(moving.map((i) => statPath(this.opts.root, i.path)));
      moving = moving.flatMap((i, k) => (after[k] && !sameStat(i.stat, after[k]) ? [{ path: i.path, stat: after[k] }] : []));
      if (moving.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      for (const m of moving) restat(m.path, m.stat);
      for (const [path, blob] of await hashPaths(this.opts.run, this.opts.root, moving, this.opts.algo, this.opts.keep)) hashed.set(path, blob);
    }
  }

  /**
   * Of the paths whose content changed, those that may be half-written: stat again after hashing,
   * and hold back a file that changed meanwhile or was modified less than SETTLE_MS ago. The
   * snapshot holds nothing back (it is what was there), and nothing is held past MAX_HOLD_MS.
   */
  private async unsettledPaths(changed: { path: string; stat: FileStat }[]): Promise<Set<string>> {
    const held = new Set<string>();
    if (!this.scanned || changed.length === 0) return held;
    const after = await Promise.all(changed.map((c) => statPath(this.opts.root, c.path)));
    const at = this.now();
    changed.forEach(({ path, stat: before }, i) => {
      const since = this.held.get(path) ?? at;
      if (midWrite(before, after[i] ?? null, at, SETTLE_MS) && at - since < MAX_HOLD_MS) {
        this.held.set(path, since);
        held.add(path);
      } else this.held.delete(path);
    });
    return held;
  }

  private async scanCleaned(entries: Map<string, StatusEntry>): Promise<WorktreeChange[]> {
    const cleaned = [...this.known.keys()].filter((p) => !entries.has(p));
    if (cleaned.length === 0) return [];
    const index = await indexBlobs(this.opts.run, cleaned);
    const changes: WorktreeChange[] = [];
    for (const path of cleaned) {
      const prev = this.known.get(path)!;
      this.known.delete(path);
      const blob = index.get(path) ?? null;
      const stat = await statPath(this.opts.root, path);
      // Clean yet absent from the index and still on disk: it became ignored, not deleted.
      if (blob === null && stat) continue;
      if (blob === prev.blob) continue;
      const status = blob === null ? 'deleted' : prev.blob === null ? 'added' : 'modified';
      changes.push({ path, blob, status, before: prev.blob, ...(blob !== null && stat && { mtime: stat.mtimeMs }) });
    }
    return changes;
  }
}

function describe(path: string, blob: string | null, before: string | null, entry: StatusEntry, mtime?: number): WorktreeChange {
  if (blob === null) return { path, blob, status: 'deleted', before };
  const written = mtime === undefined ? {} : { mtime };
  if (entry.kind === 'renamed' && before === null) return { path, blob, status: 'renamed', from: entry.from, before, ...written };
  return { path, blob, status: before === null ? 'added' : 'modified', before, ...written };
}
