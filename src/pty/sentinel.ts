import { closeSync, constants as fsc, openSync, writeSync } from 'node:fs';

/**
 * Finds the drain sentinel in the pty output after the child exited and cuts it out.
 * Before draining starts chunks pass untouched: the hot path pays one boolean test.
 */
export class SentinelFilter {
  readonly sentinel: string;
  private readonly bytes: Buffer;
  private draining = false;
  private pending: Buffer = Buffer.alloc(0);

  constructor(sentinel: string) {
    this.sentinel = sentinel;
    this.bytes = Buffer.from(sentinel);
  }

  startDraining(): void {
    this.draining = true;
  }

  /** pass: bytes to deliver now; done: the sentinel arrived (bytes after it are passed too). */
  push(chunk: Buffer): { pass: Buffer; done: boolean } {
    if (!this.draining) return { pass: chunk, done: false };
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    const at = buf.indexOf(this.bytes);
    if (at >= 0) {
      const pass = Buffer.concat([buf.subarray(0, at), buf.subarray(at + this.bytes.length)]);
      return { pass, done: true };
    }
    const keep = this.partialSuffix(buf);
    this.pending = Buffer.from(buf.subarray(buf.length - keep));
    return { pass: buf.subarray(0, buf.length - keep), done: false };
  }

  /** What was held back as a possible partial sentinel, when draining ends without it. */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }

  /** Length of the longest suffix of buf that is a proper prefix of the sentinel. */
  private partialSuffix(buf: Buffer): number {
    const max = Math.min(buf.length, this.bytes.length - 1);
    for (let n = max; n > 0; n--) {
      if (buf.subarray(buf.length - n).equals(this.bytes.subarray(0, n))) return n;
    }
    return 0;
  }
}

/**
 * Writes the sentinel into the pty's slave side. Non-blocking (output stopped by Ctrl-S must not
 * hang aisess); while the pty buffer is full (EAGAIN, or a partial write) it retries.
 */
export class SentinelSender {
  private fd: number | undefined;
  private sent = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly path: string, private readonly bytes: Buffer, private readonly onFail: () => void) {}

  start(): void {
    try {
      this.fd = openSync(this.path, fsc.O_RDWR | fsc.O_NOCTTY | fsc.O_NONBLOCK);
    } catch {
      this.onFail();
      return;
    }
    this.attempt();
  }

  stop(): void {
    clearTimeout(this.timer);
    if (this.fd !== undefined) {
      try { closeSync(this.fd); } catch { /* already closed */ }
    }
    this.fd = undefined;
  }

  private readonly attempt = (): void => {
    if (this.fd === undefined) return;
    try {
      this.sent += writeSync(this.fd, this.bytes, this.sent);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') {
        this.stop();
        this.onFail();
        return;
      }
    }
    if (this.sent < this.bytes.length) this.timer = setTimeout(this.attempt, 5);
    else this.stop();
  };
}
