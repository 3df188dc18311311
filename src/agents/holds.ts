/**
 * Remembers which files an agent's process tree held open while it ran. A short session may exit
 * before the follower's next poll; what it held is still known to be ours at the final discovery.
 * Polls fast right after the agent starts (when its transcript appears), slower later.
 */
import { pidExists } from '../store/owner.js';
import { openFilesOfTree } from './procfs.js';

export interface HoldWatch {
  /** Files the tree was seen holding, among those `relevant` accepted. */
  readonly held: ReadonlySet<string>;
  /** False where /proc is not available: holds say nothing, claims alone decide. */
  supported(): boolean;
  stop(): void;
}

export interface HoldOptions {
  pid(): number | undefined;
  relevant(file: string): boolean;
  fastMs: number;
  /** How long after the pid is known to poll at fastMs. */
  fastForMs: number;
  slowMs: number;
}

export function watchHolds(o: HoldOptions): HoldWatch {
  const held = new Set<string>();
  let stopped = false;
  let supported = true;
  let since: number | undefined;
  let timer: NodeJS.Timeout | undefined;

  const poll = async () => {
    const pid = o.pid();
    if (pid !== undefined) {
      since ??= Date.now();
      const open = await openFilesOfTree(pid).catch(() => null);
      if (!open) supported = false;
      for (const file of open ?? []) if (o.relevant(file)) held.add(file);
      if (!open || !pidExists(pid)) stopped = true;
    }
    if (stopped) return;
    const fast = since === undefined || Date.now() - since < o.fastForMs;
    timer = setTimeout(() => void poll(), fast ? o.fastMs : o.slowMs);
    timer.unref();
  };
  void poll();

  return {
    held,
    supported: () => supported,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
