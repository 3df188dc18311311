/**
 * One pass of the worktree watcher: git status gives the dirty paths, stat skips the ones
 * unchanged since last time, git hashes the rest in one batch, and paths that left the dirty
 * set take their index blob. A change is a path whose content identity differs from before.
 */
import { hashPaths, indexBlobs, sameStat, statPath, type FileStat } from './blobs.js';
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
  now?: () => number;
}

// Coarse filesystem timestamps (1 s on some, 2 s on FAT) can hide a rewrite of the same size.
const RACY_MS = 2000;

export class Scanner {
  private known = new Map<string, Known>();
  private readonly now: () => number;
  constructor(private readonly opts: ScanOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The dirty paths currently known with their blobs. */
  dirty(): Map<string, string | null> {
    return new Map([...this.known].map(([p, k]) => [p, k.blob]));
  }

  async scan(): Promise<WorktreeChange[]> {
    const entries = this.dirtyEntries(await this.opts.run(statusArgs(this.opts.untrackedCache)));
    const changes = await this.scanDirty(entries);
    changes.push(...(await this.scanCleaned(entries)));
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
    const hashed = await hashPaths(this.opts.run, this.opts.root, toHash, this.opts.algo);
    const changes: WorktreeChange[] = [];
    paths.forEach((path, i) => {
      const entry = entries.get(path)!;
      const blob = blobs.has(path) ? blobs.get(path)! : (hashed.get(path) ?? null);
      const prev = this.known.get(path);
      const before = prev ? prev.blob : entry.headBlob;
      this.known.set(path, { blob, stat: stats[i] ?? null, statAt });
      if (prev && blob === before) return;
      if (!prev && blob === before && entry.kind !== 'renamed') return;
      changes.push(describe(path, blob, before, entry));
    });
    return changes;
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
      // Clean yet absent from the index and still on disk: it became ignored, not deleted.
      if (blob === null && (await statPath(this.opts.root, path))) continue;
      if (blob !== prev.blob) changes.push({ path, blob, status: blob === null ? 'deleted' : prev.blob === null ? 'added' : 'modified' });
    }
    return changes;
  }
}

function describe(path: string, blob: string | null, before: string | null, entry: StatusEntry): WorktreeChange {
  if (blob === null) return { path, blob, status: 'deleted' };
  if (entry.kind === 'renamed' && before === null) return { path, blob, status: 'renamed', from: entry.from };
  return { path, blob, status: before === null ? 'added' : 'modified' };
}
