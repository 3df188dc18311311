/**
 * The pass-through for an agent run without a terminal (`claude -p … | jq`, `codex exec` in CI):
 * the agent gets pipes for stdout and stderr and aisess's own stdin, every chunk goes to aisess's
 * stdout or stderr as it was read and to the journal as a terminal would have shown it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { ExitStatus } from '../journal/events.js';
import type { JournalSink } from '../journal/sink.js';
import { hostProcess, type HostProcess } from './host.js';
import { readStat } from './jobcontrol.js';
import { ENDING_SIGNALS } from './shim.js';
import { utf8Stream } from './utf8.js';

export interface PipedOptions {
  file: string;
  /** argv[0] as the agent should see it (the name the user typed). */
  argv0: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  sink: JournalSink;
  /** Called with the child's pid right after it was spawned. */
  onSpawn?: (pid: number) => void;
  /** After the agent exited and its output ended, before the journal closes: last events. */
  beforeClose?: () => Promise<void>;
  host?: HostProcess;
  stdout?: Writable;
  stderr?: Writable;
  /** How long output may stay silent after the exit before a grandchild holding the pipe is left behind. */
  quietAfterExitMs?: number;
}

/** Pure: output as a terminal shows it. A pty's ONLCR turns every "\n" into "\r\n", "\r\n" included. */
export function onlcr(text: string): string {
  return text.replaceAll('\n', '\r\n');
}

/** Spawns the agent on pipes and passes its output through until it exits and its output ends. */
export async function runPiped(opts: PipedOptions): Promise<ExitStatus> {
  const host = opts.host ?? hostProcess;
  let child: ChildProcess | undefined;
  let keyboard = false;
  // Caught from before the spawn: one that came earlier reaches the agent as soon as it runs.
  const early: NodeJS.Signals[] = [];
  const offSignals = host.onSignals(ENDING_SIGNALS, (signal) => {
    if (!child) return void early.push(signal);
    if (keyboard && (signal === 'SIGINT' || signal === 'SIGQUIT')) return;
    child.kill(signal);
  });
  // Keyboard signals reach the agent from the terminal itself when aisess is in its foreground group.
  keyboard = await foregroundOfTerminal();
  child = spawn(opts.file, opts.args, {
    argv0: opts.argv0, env: opts.env, cwd: opts.cwd, stdio: ['inherit', 'pipe', 'pipe'],
  });
  const spawned = child;
  const exited = new Promise<ExitStatus>((resolve, reject) => {
    spawned.once('error', reject);
    spawned.once('exit', (code, signal) => resolve(signal ? { signal } : { code: code ?? 0 }));
  });
  if (child.pid !== undefined) opts.onSpawn?.(child.pid);
  for (const signal of early) child.kill(signal);
  const ends = [
    passThrough(child, 'stdout', opts.stdout ?? process.stdout, opts.sink),
    passThrough(child, 'stderr', opts.stderr ?? process.stderr, opts.sink),
  ];
  let status: ExitStatus;
  try {
    status = await exited;
  } catch (err) {
    await opts.sink.close({ code: 127 }).catch(() => {});
    throw err;
  } finally {
    // A grandchild may hold the pipes open: once output stays quiet, aisess stops waiting for it.
    await quietEnd(child, ends.map((e) => e.ended), opts.quietAfterExitMs ?? 1000);
    offSignals();
  }
  for (const end of ends) end.flush();
  await opts.beforeClose?.().catch(() => {});
  await opts.sink.close(status).catch(() => {});
  return status;
}

interface PassEnd {
  ended: Promise<void>;
  /** Journals a character left incomplete at the end. */
  flush(): void;
}

function passThrough(child: ChildProcess, name: 'stdout' | 'stderr', out: Writable, sink: JournalSink): PassEnd {
  const from = child[name];
  const text = utf8Stream();
  if (!from) return { ended: Promise.resolve(), flush: () => {} };
  let open = true;
  // A reader that went away (`aisess run … | head`): the agent meets a closed pipe, as it would directly.
  out.on('error', () => {
    open = false;
    from.destroy();
  });
  from.on('data', (chunk: Buffer) => {
    if (open) out.write(chunk);
    const decoded = text.write(chunk);
    if (decoded) sink.output(onlcr(decoded));
  });
  const ended = new Promise<void>((resolve) => {
    from.once('close', resolve);
    from.once('error', () => resolve());
  });
  return {
    ended,
    flush: () => {
      const tail = text.end();
      if (tail) sink.output(onlcr(tail));
    },
  };
}

/** Resolves when every stream ended, or when none had data for quietMs (they are then dropped). */
function quietEnd(child: ChildProcess, ended: Promise<void>[], quietMs: number): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(giveUp, quietMs);
    function giveUp(): void {
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve();
    }
    const rearm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(giveUp, quietMs);
    };
    child.stdout?.on('data', rearm);
    child.stderr?.on('data', rearm);
    void Promise.all(ended).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** True when aisess runs in the foreground process group of a controlling terminal. */
async function foregroundOfTerminal(): Promise<boolean> {
  const stat = await readStat(process.pid);
  return stat !== undefined && stat.tpgid > 0 && stat.tpgid === stat.pgrp;
}
