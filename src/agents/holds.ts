/**
 * Remembers which files an agent's process tree held open while it ran. A short session may exit
 * before the follower's next poll; what it held is still known to be ours at the final discovery.
 * Polls fast right after the agent starts (when its transcript appears), slower later.
 */
import { pidExists } from '../os/process.js';
import { treeState } from './procfs.js';

export interface HoldWatch {
  /** Files the tree was seen holding, among those `relevant` accepted, in the order first seen. */
  readonly held: ReadonlySet<string>;
  /** Values of `envVar` seen in the tree's descendants (not inherited by the agent), in the order first seen. */
  readonly env: ReadonlySet<string>;
  /** False where /proc is not available: holds say nothing, claims alone decide. */
  supported(): boolean;
  stop(): void;
}

export interface HoldOptions {
  pid(): number | undefined;
  relevant(file: string): boolean;
  /** An environment variable the agent gives the commands it runs, naming its session. */
  envVar?: string;
  fastMs: number;
  /** How long after the pid is known to poll at fastMs. */
  fastForMs: number;
  slowMs: number;
}

export function watchHolds(o: HoldOptions): HoldWatch {
  const held = new Set<string>();
  const env = new Set<string>();
  let stopped = false;
  let supported = true;
  let since: number | undefined;
  let timer: NodeJS.Timeout | undefined;

  const poll = async () => {
    const pid = o.pid();
    if (pid !== undefined) {
      since ??= Date.now();
      const tree = await treeState(pid, o.envVar ?? '').catch(() => null);
      if (!tree) supported = false;
      for (const file of tree?.files ?? []) if (o.relevant(file)) held.add(file);
      for (const value of tree?.env ?? []) env.add(value);
      if (!tree || !pidExists(pid)) stopped = true;
    }
    if (stopped) return;
    const fast = since === undefined || Date.now() - since < o.fastForMs;
    timer = setTimeout(() => void poll(), fast ? o.fastMs : o.slowMs);
    timer.unref();
  };
  void poll();

  return {
    held,
    env,
    supported: () => supported,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
