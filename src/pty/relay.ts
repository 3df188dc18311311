/**
 * The native output relay (native/relay.c): it copies the pty's output to the terminal in C and
 * hands aisess a copy through a socket read in large chunks, so recording costs no event-loop turn
 * per 4 KB pty read. Built beside the bundle by scripts/build-relay.sh.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants as fsc } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export interface Relay {
  /**
   * Output as it reached the terminal, as the body of a JSON string, sentinel removed. A chunk is
   * valid during the call only (the read buffer is reused); end comes when the relay is done or gone.
   */
  listen(onCopy: (chunk: Buffer) => void, onEnd: () => void): void;
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

const READ_SIZE = 256 * 1024;
const START_TIMEOUT_MS = 2000;

/**
 * Starts the relay. The copy comes over a socket aisess connects to itself (an abstract Unix
 * socket), because only a socket aisess creates can be read into one reused buffer: child-process
 * pipes allocate fresh memory for every 64 KB read, and in a flood those page faults cost more
 * than recording. The relay starts once the socket is connected (a millisecond; the agent's first
 * output waits in the pty meanwhile); commands sent before then wait too. Any failure ends the
 * copy, and the caller reads the pty itself.
 */
export function startRelay(binary: string, masterFd: number, displayFd: number, sentinel: string): Relay {
  const address = `\0aisess-relay-${process.pid}-${randomBytes(6).toString('hex')}`;
  let child: ChildProcess | undefined;
  let control: Writable | undefined;
  let stopped = false;
  const queued: string[] = [];
  const send = (command: string): void => {
    if (control) control.write(command);
    else queued.push(command);
  };
  let copied: (chunk: Buffer) => void = () => {};
  let ended: () => void = () => {};
  let over = false;
  const end = (): void => {
    if (over) return;
    over = true;
    clearTimeout(late);
    server.close();
    client.destroy();
    ended();
  };
  // Should the connection never come (it takes a millisecond), node reads the pty instead.
  const late = setTimeout(() => end(), START_TIMEOUT_MS).unref();
  const server = createServer((socket) => {
    clearTimeout(late);
    server.close();
    if (stopped) return socket.destroy();
    try {
      child = spawn(binary, [sentinel], { stdio: [masterFd, displayFd, 'inherit', socket, 'pipe'] });
    } catch {
      socket.destroy();
      return end();
    }
    socket.destroy();
    // A program that cannot be run has no pid (its 'error' event comes later).
    child.on('error', end);
    if (child.pid === undefined) return end();
    control = child.stdio[4] as Writable;
    control.on('error', () => {});
    control.write(queued.splice(0).join(''));
  });
  server.on('error', end);
  server.listen(address);
  const readBuffer = Buffer.allocUnsafe(READ_SIZE);
  const client = connect({
    path: address,
    onread: {
      buffer: readBuffer,
      callback: (size) => {
        copied(readBuffer.subarray(0, size));
        return true;
      },
    },
  });
  client.on('error', end);
  client.on('close', end);
  return {
    listen: (onCopy, onEnd) => {
      copied = onCopy;
      ended = onEnd;
      if (over) onEnd();
    },
    drain: () => send('d'),
    rawAgain: () => send('r'),
    markShown: () => send('f'),
    stop: () => {
      stopped = true;
      child?.kill('SIGKILL');
      control?.destroy();
      end();
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
