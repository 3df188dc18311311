/**
 * Follows a growing JSONL file from a byte offset: complete lines only (a partial last line waits
 * for its newline), split on bytes so a multi-byte character cut by a write is never mangled.
 * Polling is the truth: fs.watch drops events in bursts (DESIGN.md, Environment).
 */
import { open, stat } from 'node:fs/promises';

export interface TailOptions {
  file: string;
  offset: number;
  onLine(line: string): void;
  pollMs: number;
  /**
   * A read that failed (permissions, I/O). The position stays, so the next poll reads the same
   * bytes again; the caller decides how loudly to say it.
   */
  onError?(err: unknown): void;
}

export interface Tail {
  /** Reads what is there now (complete lines); resolves once they were handed over. */
  sync(): Promise<void>;
  /** Reads to the end; a last line without a newline is handed over as it is. */
  stop(): Promise<void>;
}

const CHUNK = 1 << 20;

export function tailFile(opts: TailOptions): Tail {
  let pos = opts.offset;
  let rest: Buffer = Buffer.alloc(0);
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const split = (data: Buffer) => {
    let buf = rest.length ? Buffer.concat([rest, data]) : data;
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10)) {
      const line = buf.subarray(0, nl).toString('utf8');
      buf = buf.subarray(nl + 1);
      if (line.trim()) opts.onLine(line);
    }
    rest = Buffer.from(buf);
  };

  const readMore = async () => {
    let size: number;
    try {
      size = (await stat(opts.file)).size;
    } catch {
      return; // not there yet
    }
    // Replaced or truncated under us: start again rather than read past the end forever.
    if (size < pos) [pos, rest] = [0, Buffer.alloc(0)];
    if (size === pos) return;
    const fh = await open(opts.file, 'r');
    try {
      while (pos < size) {
        const buf = Buffer.alloc(Math.min(CHUNK, size - pos));
        const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        split(buf.subarray(0, bytesRead));
      }
    } finally {
      await fh.close();
    }
  };

  const tick = () => {
    running = running.then(readMore).catch((err: unknown) => opts.onError?.(err));
    return running;
  };
  const timer = setInterval(() => void tick(), opts.pollMs);
  timer.unref();
  void tick();

  return {
    sync: tick,
    async stop() {
      if (stopped) return running;
      stopped = true;
      clearInterval(timer);
      await tick();
      const last = rest.toString('utf8');
      rest = Buffer.alloc(0);
      if (last.trim()) opts.onLine(last);
    },
  };
}
