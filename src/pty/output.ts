/**
 * Where the pty's output is read: by a native relay that also puts it on the terminal (the fast
 * path for a recorded session), or by node itself (tests, benchmarks, a relay that was not built).
 * Either way the drain sentinel is cut out and every byte before it comes through.
 */
import { ReadStream } from 'node:tty';
import { keepCopy } from '../journal/transfer-pool.js';
import { completeJsonText } from './json-text.js';
import { relayBinary, startRelay, type Relay } from './relay.js';
import { SentinelFilter } from './sentinel.js';

export interface OutputSource {
  /** Chunks as read (valid during the call only), then the end: the reader stopped or failed. */
  listen(onChunk: (chunk: Buffer) => void, onEnd: () => void): void;
  /** True when the bytes already reached the terminal (the relay wrote them). */
  readonly displays: boolean;
  /** Hands the chunk's bytes to deliver (in pieces, callbacks of whenShown between); true once the sentinel went by. */
  push(chunk: Buffer, deliver: (pass: Buffer) => void): boolean;
  /** Calls back once every byte shown before this call was delivered (at once when node shows them). */
  whenShown(callback: () => void): void;
  /** The agent exited; the sentinel is written next. */
  startDraining(): void;
  /** Bytes held back as a possible partial sentinel, when draining ends without it. */
  flush(): Buffer;
  /** The terminal went back to raw mode (after fg): the relay turns output processing off again. */
  rawAgain(): void;
  close(): void;
}

/** With displayFd and a built relay, the relay shows the output on displayFd; else node reads it. */
export function openOutput(masterFd: number, sentinel: string, displayFd?: number): OutputSource {
  const binary = displayFd === undefined ? undefined : relayBinary();
  const relay = binary === undefined || displayFd === undefined ? undefined : startRelay(binary, masterFd, displayFd, sentinel);
  return relay ? readFromRelay(relay) : readInNode(masterFd, sentinel);
}

export function readInNode(masterFd: number, sentinel: string): OutputSource {
  const stream = new ReadStream(masterFd);
  const filter = new SentinelFilter(sentinel);
  return {
    listen: (onChunk, onEnd) => {
      stream.on('data', onChunk);
      stream.on('error', (err: NodeJS.ErrnoException) => { if (err.code !== 'EAGAIN') onEnd(); });
      stream.on('close', onEnd);
    },
    displays: false,
    push: (chunk, deliver) => {
      const { pass, done } = filter.push(chunk);
      if (pass.length) deliver(pass);
      return done;
    },
    whenShown: (callback) => callback(),
    startDraining: () => filter.startDraining(),
    flush: () => filter.flush(),
    rawAgain: () => {},
    close: () => stream.destroy(),
  };
}

function readFromRelay(relay: Relay): OutputSource {
  const none = Buffer.alloc(0);
  let rest = none;
  const waiting: (() => void)[] = [];
  // A read may end inside an escape or a character: that part waits for the next one.
  const deliverText = (chunk: Buffer, deliver: (pass: Buffer) => void): void => {
    const text = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    const whole = completeJsonText(text);
    rest = whole === text.length ? none : Buffer.from(text.subarray(whole));
    const pass = whole === text.length ? text : text.subarray(0, whole);
    // The relay's chunk lives in a reused read buffer: what the journal keeps is copied.
    if (pass.length) deliver(keepCopy(pass));
  };
  return {
    listen: (onChunk, onEnd) => relay.listen(onChunk, onEnd),
    displays: true,
    // The relay removed the sentinel and ends its copy once the sentinel went by. A NUL answers
    // a whenShown: what came before it was on screen when it was asked.
    push: (chunk, deliver) => {
      for (let at = chunk.indexOf(0); at >= 0; at = chunk.indexOf(0)) {
        deliverText(chunk.subarray(0, at), deliver);
        waiting.shift()?.();
        chunk = chunk.subarray(at + 1);
      }
      deliverText(chunk, deliver);
      return false;
    },
    whenShown: (callback) => {
      waiting.push(callback);
      relay.markShown();
    },
    startDraining: () => relay.drain(),
    // The relay sends whole escapes and characters: a part left over means it was cut off.
    flush: () => none,
    rawAgain: () => relay.rawAgain(),
    close: () => {
      relay.stop();
      for (const callback of waiting.splice(0)) callback();
    },
  };
}
