/**
 * The pass-through loop: bytes flow terminal ⇄ agent unchanged, each output chunk is also handed to
 * the journal. Per chunk the hot path is one terminal write and one cheap sink call.
 */
import type { ExitStatus } from '../journal/events.js';
import type { JournalSink } from '../journal/sink.js';
import { hostProcess, type HostProcess } from './host.js';
import { readStat, watchForStop, type StopWatcher } from './jobcontrol.js';
import type { PtyProcess } from './spawn.js';
import type { Pause } from './pause.js';
import { pauseKeys } from './pause-key.js';
import type { Terminal } from './tty.js';
import { shouldStopForSusp } from './suspend.js';
import { utf8Stream } from './utf8.js';

export interface ShimOptions {
  pty: PtyProcess;
  terminal: Terminal;
  sink: JournalSink;
  /** Record keystrokes as 'i' events (off by default: they may hold secrets). */
  captureInput: boolean;
  host?: HostProcess;
  /** How long a signalled aisess waits for the agent to exit before leaving. */
  signalGraceMs?: number;
  /**
   * The pause key (Ctrl-] p) toggles this; pass its `sink` as `sink` so paused output stays out of
   * the journal. Without it every key goes to the agent.
   */
  pause?: Pause;
  /** After the agent exited and the terminal is restored, before the journal closes: last events. */
  beforeClose?: () => Promise<void>;
  /** Ending signals caught since before the agent was spawned (else caught from runShim on). */
  signals?: CaughtSignals;
}

export interface CaughtSignals {
  /** The first ending signal aisess got. */
  readonly first: Promise<NodeJS.Signals>;
  stop(): void;
}

/** The marker that stands for keys typed with echo off (a password prompt): they are never journalled. */
export const INPUT_HIDDEN = 'input hidden';

/** Signals that end aisess: forwarded to the agent, then aisess dies by the same signal. */
export const ENDING_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'];

/**
 * Catches the ending signals from now on. Call it before spawning: the relay shows the agent's
 * first output at once, and a signal that came before the handlers would kill aisess outright.
 */
export function catchEndingSignals(host: HostProcess = hostProcess): CaughtSignals {
  let stop = (): void => {};
  const first = new Promise<NodeJS.Signals>((resolve) => {
    stop = host.onSignals(ENDING_SIGNALS, resolve);
  });
  return { first, stop };
}

/** Runs until the agent exits (its status) or aisess is signalled ({signal} it got). */
export async function runShim(opts: ShimOptions): Promise<ExitStatus> {
  const { pty, terminal, sink } = opts;
  const host = opts.host ?? hostProcess;
  const output = utf8Stream();
  pty.onData((chunk) => {
    // The relay showed it already and hands over the journal's form of it.
    if (pty.displays) return sink.outputJsonText(chunk);
    terminal.write(chunk);
    const text = output.write(chunk);
    if (text) sink.output(text);
  });
  terminal.enterRaw();
  let suspended = false;
  let size = terminal.size();
  const syncSize = (next = terminal.size()): void => {
    pty.resize(next.cols, next.rows);
    if (next.cols !== size.cols || next.rows !== size.rows) sink.resize(next.cols, next.rows);
    size = next;
  };
  terminal.onResize(syncSize);

  const watcher = watchForStop({
    pid: pty.pid,
    onStopped: () => {
      suspended = true;
      // Give the user's shell a cooked terminal, as it would have without aisess.
      void terminal.restore().then(() => host.suspendSelf());
    },
  });
  const offContinue = host.onContinue(() => {
    if (suspended) {
      terminal.enterRaw();
      pty.rawAgain();
    }
    suspended = false;
    void continueAgent(pty);
    // A resize makes TUIs redraw, and the window may have changed while stopped.
    syncSize();
    watcher.resume();
    for (const chunk of waitingKeys.splice(0)) forward(chunk);
  });
  // Keys read while suspended wait for the SIGCONT handler (libuv may hand over keys typed after
  // `fg` first): forwarded earlier, the agent's echo would meet the shell's cooked terminal.
  const waitingKeys: Buffer[] = [];
  const input = utf8Stream();
  let hiding = false;
  const forward = (chunk: Buffer): void => {
    if (suspended) {
      waitingKeys.push(chunk);
      return;
    }
    // Asked before the write: the echo state the keys will meet. Hidden keys stand as one marker.
    const hidden = opts.captureInput && pty.keysHidden();
    pty.write(chunk);
    watcher.sawInput(chunk);
    if (chunk.includes(0x1a)) void stopOnSusp(pty, watcher);
    if (hidden) {
      if (!hiding) sink.marker(INPUT_HIDDEN);
      hiding = true;
    } else if (opts.captureInput) {
      hiding = false;
      const text = input.write(chunk);
      if (text) sink.input(text);
    }
  };
  const { pause } = opts;
  const keys = pause ? pauseKeys() : null;
  terminal.onInput((chunk) => {
    if (!keys || !pause) return forward(chunk);
    for (const part of keys.feed(chunk)) {
      if (part === 'toggle') terminal.write(Buffer.from(pause.toggleAfter((callback) => pty.whenShown(callback))));
      else forward(part);
    }
  });

  const signals = opts.signals ?? catchEndingSignals(host);
  const first = await Promise.race([pty.exited, signals.first]);
  let result: ExitStatus;
  let journalStatus: ExitStatus;
  if (typeof first === 'string') {
    pty.kill(first);
    journalStatus = (await within(pty.exited, opts.signalGraceMs ?? 2000)) ?? { signal: first };
    result = { signal: first };
  } else {
    result = journalStatus = first;
  }
  signals.stop();
  offContinue();
  watcher.stop();
  terminal.close();
  const tail = output.end();
  if (tail) sink.output(tail);
  await terminal.restore();
  await opts.beforeClose?.().catch(() => {});
  await sink.close(journalStatus).catch(() => {});
  return result;
}

/** Does what the kernel would have done for Ctrl-Z if the agent's group were not orphaned. */
async function stopOnSusp(pty: PtyProcess, watcher: StopWatcher): Promise<void> {
  const stat = await readStat(pty.pid);
  // Another foreground group (a job of a shell the agent runs) is not orphaned: the kernel stops it.
  if (stat?.tpgid !== pty.pid || !(await shouldStopForSusp(pty.pid, pty.ptsName))) return;
  pty.kill('SIGSTOP', true);
  watcher.burst();
}

/** SIGCONT to the agent's group and to the pty's foreground group (a job the agent started). */
async function continueAgent(pty: PtyProcess): Promise<void> {
  pty.kill('SIGCONT', true);
  const stat = await readStat(pty.pid);
  if (stat && stat.tpgid > 0 && stat.tpgid !== pty.pid) {
    try { process.kill(-stat.tpgid, 'SIGCONT'); } catch { /* group gone */ }
  }
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
