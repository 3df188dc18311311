/**
 * Ctrl-Z support. node-pty's waitpid does not report stops (no WUNTRACED), so the agent's state is
 * read from /proc: right after the user typed 0x1a (SUSP), and on a slow poll for stops by other means.
 */
import { readStatFields, statFields } from '../os/procfs.js';

export interface ProcStat {
  /** One letter: R, S, D, T (stopped), t (traced), Z… */
  state: string;
  pgrp: number;
  /** Foreground process group of the process's controlling terminal. */
  tpgid: number;
}

/** /proc/<pid>/stat's text → state, process group and the terminal's foreground group. */
export function parseStat(text: string): ProcStat | undefined {
  return fromFields(statFields(text));
}

export async function readStat(pid: number): Promise<ProcStat | undefined> {
  return fromFields(await readStatFields(pid));
}

function fromFields(fields: string[] | undefined): ProcStat | undefined {
  const [state, , pgrp, , , tpgid] = fields ?? [];
  if (!state || pgrp === undefined || tpgid === undefined) return undefined;
  return { state, pgrp: Number(pgrp), tpgid: Number(tpgid) };
}

export interface StopWatcher {
  /** Feed every chunk the user typed; SUSP triggers a few quick checks. */
  sawInput(chunk: Buffer): void;
  /** A few quick checks now (the agent was just sent a stop). */
  burst(): void;
  /** Watch again after the agent was continued. */
  resume(): void;
  stop(): void;
}

export interface StopWatchOptions {
  pid: number;
  onStopped: () => void;
  read?: (pid: number) => Promise<ProcStat | undefined>;
  /** Delays (ms) of the quick checks after SUSP was typed. */
  quick?: number[];
  slowMs?: number;
}

const SUSP = 0x1a;

export function watchForStop(opts: StopWatchOptions): StopWatcher {
  const read = opts.read ?? readStat;
  const timers = new Set<NodeJS.Timeout>();
  let paused = false;
  let stopped = false;
  // A read started before aisess stopped can settle after SIGCONT: its 'T' is old news.
  let epoch = 0;
  const check = async (): Promise<void> => {
    if (paused || stopped) return;
    const started = epoch;
    const stat = await read(opts.pid);
    if (stat?.state !== 'T' || paused || stopped || started !== epoch) return;
    paused = true;
    opts.onStopped();
  };
  const later = (ms: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void check();
    }, ms);
    timer.unref();
    timers.add(timer);
  };
  const slow = setInterval(() => void check(), opts.slowMs ?? 1000);
  slow.unref();
  const burst = (): void => {
    for (const ms of opts.quick ?? [15, 40, 100, 250, 600]) later(ms);
  };
  return {
    sawInput(chunk) {
      if (chunk.includes(SUSP)) burst();
    },
    burst,
    resume() {
      paused = false;
      epoch++;
    },
    stop() {
      stopped = true;
      clearInterval(slow);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
