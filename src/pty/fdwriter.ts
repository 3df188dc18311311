import { write } from 'node:fs';

/**
 * Writes to a non-blocking fd (a pty master) in order: a full kernel buffer answers EAGAIN,
 * so the chunk waits in the queue and is retried instead of being dropped.
 */
export class FdWriter {
  private readonly queue: Buffer[] = [];
  private busy = false;
  private closed = false;

  constructor(private readonly fd: number) {}

  write(chunk: Buffer): void {
    if (this.closed || chunk.length === 0) return;
    this.queue.push(chunk);
    if (!this.busy) this.next();
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  private next(): void {
    const chunk = this.queue[0];
    if (this.closed || !chunk) {
      this.busy = false;
      return;
    }
    this.busy = true;
    write(this.fd, chunk, 0, chunk.length, null, (err, written) => {
      if (err) {
        // EAGAIN: the agent is not reading yet; anything else: the pty is gone.
        if (err.code === 'EAGAIN') setTimeout(() => this.next(), 2);
        else this.close();
        return;
      }
      if (written < chunk.length) this.queue[0] = chunk.subarray(written);
      else this.queue.shift();
      this.next();
    });
  }
}
