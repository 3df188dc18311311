/**
 * The only module that touches node-pty. Pinned to node-pty 1.1.0: it uses the native fork API
 * because node-pty's own read loop loses the tail of a child's output (microsoft/node-pty #72, #726):
 * when the session leader exits the master read sees EIO while bytes are still in kernel buffers.
 */
import { closeSync, constants as fsc, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants as osc } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExitStatus } from '../journal/events.js';
import { keysHidden, readLocalFlags } from './echo.js';
import { FdWriter } from './fdwriter.js';
import { openOutput, readInNode, type OutputSource } from './output.js';
import { SentinelSender } from './sentinel.js';

export interface SpawnOptions {
  /** Absolute path of the program (argv[0] is set to it). */
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  cols: number;
  rows: number;
  /**
   * The user's terminal: a native relay writes the output there itself, and onData gets a copy
   * (falls back to onData alone when the relay is not built; see `displays`). Keep it open until
   * the agent exited: the relay starts a moment after spawnPty returns.
   */
  displayFd?: number;
}

export interface PtyProcess {
  readonly pid: number;
  /** Path of the pty's slave side (e.g. /dev/pts/4). */
  readonly ptsName: string;
  /**
   * Output chunks, in order; set before the first event-loop turn to miss nothing. Raw bytes, or,
   * while `displays`, the relay's copy: the body of a JSON string (JournalSink.outputJsonText).
   */
  onData(listener: (chunk: Buffer) => void): void;
  /** Whether onData's chunks are already on the terminal (the relay showed them); can turn false if it dies. */
  readonly displays: boolean;
  /** Call after the terminal went back to raw mode, so the relay's output is not post-processed. */
  rawAgain(): void;
  /** Calls back once every byte on screen so far has gone through onData (at once without the relay). */
  whenShown(callback: () => void): void;
  write(data: Buffer | string): void;
  /** Whether keys written now go unseen (a password prompt); also true when that cannot be told. */
  keysHidden(): boolean;
  resize(cols: number, rows: number): void;
  /** Signals the child (pid) or, with group, its process group. Never throws. */
  kill(signal: NodeJS.Signals, group?: boolean): void;
  /** Settles after the child exited and every byte it wrote went through onData. */
  readonly exited: Promise<ExitStatus>;
}

interface NativePty {
  fork(file: string, args: string[], env: string[], cwd: string, cols: number, rows: number,
    uid: number, gid: number, utf8: boolean, helperPath: string,
    onExit: (code: number, signal: number) => void): { fd: number; pid: number; pty: string };
  resize(fd: number, cols: number, rows: number): void;
}

const DRAIN_IDLE_MS = 1000;
let nativeModule: { native: NativePty; helper: string } | undefined;

function loadNative(): { native: NativePty; helper: string } {
  if (!nativeModule) {
    const require = createRequire(import.meta.url);
    const release = join(dirname(require.resolve('node-pty')), '..', 'build', 'Release');
    nativeModule = { native: loadBinding(require, release), helper: join(release, 'spawn-helper') };
  }
  return nativeModule;
}

/** The addon alone: node-pty's JS layer (which we do not use) costs several ms of start-up. */
function loadBinding(require: NodeJS.Require, release: string): NativePty {
  try {
    return require(join(release, 'pty.node')) as NativePty;
  } catch {
    return (require('node-pty') as { native: NativePty }).native;
  }
}

export function spawnPty(opts: SpawnOptions): PtyProcess {
  const { native, helper } = loadNative();
  const env = Object.entries(opts.env).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]));
  let onExit: (code: number, signal: number) => void = () => {};
  const term = native.fork(opts.file, opts.args, env, opts.cwd, opts.cols, opts.rows, -1, -1, true, helper,
    (code, signal) => onExit(code, signal));
  // Hold a slave fd so the master never sees the other side closed while bytes are in flight.
  // At exit a sentinel goes through the same FIFO: once it is read, every byte before it was too.
  const heldSlave = openSlave(term.pty);
  const sentinel = `\x1b_AISESS-DRAIN-${randomBytes(8).toString('hex').toUpperCase()}\x1b\\`;
  let output = openOutput(term.fd, sentinel, opts.displayFd);
  const writer = new FdWriter(term.fd);
  let listener: (chunk: Buffer) => void = () => {};

  const exited = new Promise<ExitStatus>((resolve) => {
    let status: ExitStatus | undefined;
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    let draining = false;
    const sender = new SentinelSender(term.pty, Buffer.from(sentinel), () => finish());
    const finish = (): void => {
      if (!status) return;
      clearTimeout(timer);
      sender.stop();
      const rest = output.flush();
      if (rest.length) listener(rest);
      writer.close();
      output.close();
      closeQuietly(heldSlave);
      resolve(status);
      status = undefined;
    };
    // Give up only when nothing has flowed for a while (output stopped with Ctrl-S, say).
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(finish, DRAIN_IDLE_MS);
    };
    // EIO once no slave is open: nothing more can arrive.
    const end = (): void => { ended = true; finish(); };
    const attach = (source: OutputSource): void => {
      const read = (chunk: Buffer): void => {
        if (source !== output) return;
        const done = source.push(chunk, (pass) => listener(pass));
        if (done) finish();
        else if (status) arm();
      };
      const stopped = (): void => {
        if (source !== output) return;
        if (!source.displays || draining) return end();
        // The relay died under a running agent: node reads (and shows) the output from here on.
        source.close();
        output = readInNode(term.fd, sentinel);
        attach(output);
      };
      source.listen(read, stopped);
    };
    attach(output);
    onExit = (code, signal) => {
      status = signal ? { signal: signalName(signal) } : { code };
      if (ended) return finish();
      draining = true;
      output.startDraining();
      arm();
      sender.start();
    };
  });

  return {
    pid: term.pid,
    ptsName: term.pty,
    onData: (l) => { listener = l; },
    get displays() { return output.displays; },
    rawAgain: () => output.rawAgain(),
    whenShown: (callback) => output.whenShown(callback),
    write: (data) => writer.write(typeof data === 'string' ? Buffer.from(data) : data),
    keysHidden: () => keysHidden(readLocalFlags(term.fd)),
    resize: (cols, rows) => {
      try { native.resize(term.fd, cols, rows); } catch { /* the pty is already gone */ }
    },
    kill: (signal, group = false) => {
      try { process.kill(group ? -term.pid : term.pid, signal); } catch { /* already gone */ }
    },
    exited,
  };
}

function openSlave(path: string): number | undefined {
  try {
    return openSync(path, fsc.O_RDWR | fsc.O_NOCTTY);
  } catch {
    return undefined;
  }
}

function closeQuietly(fd: number | undefined): void {
  if (fd === undefined) return;
  try { closeSync(fd); } catch { /* already closed */ }
}

function signalName(signal: number): NodeJS.Signals {
  const entry = Object.entries(osc.signals).find(([, n]) => n === signal);
  return (entry?.[0] ?? 'SIGKILL') as NodeJS.Signals;
}
