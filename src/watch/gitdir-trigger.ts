/**
 * Non-recursive fs.watch on the few git-dir directories a commit touches: the common dir
 * (HEAD, packed-refs), logs/ (reflogs are appended on every HEAD move), refs/heads, and each
 * linked worktree's admin dir and logs/. Directories, not files: git replaces HEAD by rename.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export class GitDirTrigger {
  private watchers = new Map<string, FSWatcher>();
  private stopped = false;

  constructor(
    private readonly commonDir: string,
    private readonly fire: () => void,
  ) {}

  /** (Re)computes the watched set; cheap, called after each check to pick up new worktrees. */
  refresh(): void {
    if (this.stopped) return;
    const dirs = [this.commonDir, join(this.commonDir, 'logs'), join(this.commonDir, 'refs', 'heads'), join(this.commonDir, 'worktrees')];
    for (const name of this.linked()) dirs.push(join(this.commonDir, 'worktrees', name), join(this.commonDir, 'worktrees', name, 'logs'));
    for (const dir of dirs) if (!this.watchers.has(dir)) this.add(dir);
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private linked(): string[] {
    try {
      return readdirSync(join(this.commonDir, 'worktrees'));
    } catch {
      return [];
    }
  }

  private add(dir: string): void {
    try {
      const w = watch(dir, { persistent: false }, (_ev, name) => {
        // index and object writes do not move refs; everything else might.
        if (name !== 'index' && name !== 'index.lock' && name !== 'objects') this.fire();
      });
      w.on('error', () => {
        w.close();
        this.watchers.delete(dir);
      });
      this.watchers.set(dir, w);
    } catch {
      // Missing (no linked worktrees yet) or out of watches: the poll covers it.
    }
  }
}
