/**
 * Non-recursive fs.watch on each directory git tracks, plus directories where dirty paths
 * appear. Ignored trees (node_modules, build output) are never watched, and the watches are
 * added in small chunks across ticks so a 20k-file repository never stalls the event loop.
 */
import { stat, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Trigger, TriggerContext } from './trigger-contract.js';

const CHUNK = 100;

export class DirTrigger implements Trigger {
  private watchers = new Map<string, FSWatcher>();
  private queue: string[] = [];
  private draining?: NodeJS.Immediate;
  private stopped = false;
  private failed = false;
  private checking = new Set<string>();

  constructor(private readonly ctx: TriggerContext) {}

  start(): void {
    this.saw(['']);
    // ls-tree -r -d lists only directories: a small answer even for a huge tree.
    this.ctx.run(['ls-tree', '-r', '-d', '-z', '--name-only', 'HEAD']).then(
      (out) => this.saw(out.split('\0').filter(Boolean)),
      () => {}, // no HEAD yet (fresh repository): dirty paths add their directories as they appear
    );
  }

  saw(dirs: Iterable<string>): void {
    if (this.stopped || this.failed) return;
    for (const d of dirs) if (!this.watchers.has(d)) this.queue.push(d);
    if (!this.draining && this.queue.length) this.draining = setImmediate(() => this.drain());
  }

  stop(): void {
    this.stopped = true;
    if (this.draining) clearImmediate(this.draining);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private drain(): void {
    this.draining = undefined;
    if (this.stopped) return;
    for (const dir of this.queue.splice(0, CHUNK)) this.add(dir);
    if (this.queue.length) this.draining = setImmediate(() => this.drain());
  }

  private add(dir: string): void {
    if (this.watchers.has(dir) || this.failed) return;
    try {
      const w = watch(join(this.ctx.root, dir), { persistent: false }, (_ev, name) => {
        if (dir === '' && name === '.git') return;
        // The directory itself may be gone: forget it so a later scan can watch it anew.
        if (_ev === 'rename') this.forgetIfGone(dir, w);
        this.ctx.fire();
      });
      w.on('error', () => this.forget(dir, w));
      this.watchers.set(dir, w);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Out of inotify watches: the poll alone keeps correctness; say so once.
      if (code === 'ENOSPC' || code === 'EMFILE') {
        this.failed = true;
        this.ctx.onError(err);
      }
    }
  }

  private forgetIfGone(dir: string, w: FSWatcher): void {
    if (this.checking.has(dir)) return;
    this.checking.add(dir);
    stat(join(this.ctx.root, dir), (err) => {
      this.checking.delete(dir);
      if (err) this.forget(dir, w);
    });
  }

  private forget(dir: string, w: FSWatcher): void {
    w.close();
    if (this.watchers.get(dir) === w) this.watchers.delete(dir);
  }
}
