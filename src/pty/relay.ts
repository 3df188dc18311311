/**
 * The native output relay (native/relay.c): it copies the pty's output to the terminal in C and
 * hands aisess a copy through a socket read in large chunks, so recording costs no event-loop turn
 * per 4 KB pty read. Built beside the bundle by scripts/build-relay.sh.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsc } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export interface Relay {
  /** Output as it reached the terminal, sentinel removed; ends when the relay is done. */
  readonly copy: Readable;
  /** The agent exited: the drain sentinel is about to be written into the pty. */
  drain(): void;
  /** The terminal went back to raw mode: output processing off again before more output. */
  rawAgain(): void;
  /** Asks for a NUL in the copy after everything shown so far. */
  markShown(): void;
  /** Ends the relay at once (drain gave up). */
  stop(): void;
}

let located: string | null | undefined;

/** The relay binary, or undefined when it was not built (aisess then relays in JavaScript). */
export function relayBinary(): string | undefined {
  if (located === undefined) {
    const here = dirname(fileURLToPath(import.meta.url));
    // Bundled: dist/<chunk>.js beside dist/aisess-relay; from source: src/pty/relay.ts.
    const candidates = [process.env.AISESS_RELAY, join(here, 'aisess-relay'), join(here, '..', '..', 'dist', 'aisess-relay')];
    located = candidates.find((path) => path !== undefined && path !== '' && isExecutable(path)) ?? null;
  }
  return located ?? undefined;
}

/** The running relay, or undefined when it could not be started (node then reads the pty). */
export function startRelay(binary: string, masterFd: number, displayFd: number, sentinel: string): Relay | undefined {
  const child: ChildProcess = spawn(binary, [sentinel], { stdio: [masterFd, displayFd, 'inherit', 'pipe', 'pipe'] });
  // A program that cannot be run has no pid; its 'error' event comes later.
  if (child.pid === undefined) {
    child.on('error', () => {});
    return undefined;
  }
  const copy = child.stdio[3] as Readable;
  const control = child.stdio[4] as Writable;
  // A relay that died leaves its sockets closed: the copy ends, and the drain does not wait for it.
  child.on('error', () => copy.destroy());
  control.on('error', () => {});
  return {
    copy,
    drain: () => { control.write('d'); },
    rawAgain: () => { control.write('r'); },
    markShown: () => { control.write('f'); },
    stop: () => {
      child.kill('SIGKILL');
      control.destroy();
      copy.destroy();
    },
  };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsc.X_OK);
    return true;
  } catch {
    return false;
  }
}
