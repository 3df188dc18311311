import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError, GitNotInstalledError } from './errors.js';
import type { GitRunner } from './runner.js';

export interface GitObject {
  oid: string;
  type: 'blob' | 'tree' | 'commit' | 'tag';
  data: Buffer;
}

type Pending = { request: string; resolve: (o: GitObject | null) => void; reject: (e: Error) => void };

/**
 * One long-lived `git cat-file --batch`: many object reads for the cost of one spawn.
 * Requests are answered in order; `null` means the object (or revision) does not exist.
 */
export class CatFileBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private buf: Buffer = Buffer.alloc(0);
  /** Chunks not yet joined to buf: joined only once the answer being read is complete (linear time). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes buf must hold before parsing can make progress. */
  private need = 0;
  private stderr = '';
  private failure: Error | null = null;

  constructor(private readonly git: GitRunner) {
    this.child = spawn('git', ['cat-file', '--batch'], {
      cwd: git.cwd,
      env: { ...process.env, ...git.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.on('error', (e: NodeJS.ErrnoException) => this.fail(e.code === 'ENOENT' ? new GitNotInstalledError(e) : e));
    this.child.stdin.on('error', () => {});
    this.child.stderr.on('data', (b: Buffer) => (this.stderr += b.toString('utf8')));
    this.child.stdout.on('data', (b: Buffer) => this.onData(b));
    this.child.on('close', (code, signal) => {
      const args = ['cat-file', '--batch'];
      this.fail(new GitError({ args, cwd: git.cwd, exitCode: code, signal, stderr: this.stderr }));
    });
  }

  /** Reads a revision (`<oid>`, `<ref>:<path>`, `<rev>^{commit}`); null when missing. */
  read(rev: string): Promise<GitObject | null> {
    if (/[\n\r]/.test(rev)) return Promise.reject(new Error(`revision contains a newline: ${JSON.stringify(rev)}`));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: rev, resolve, reject });
      this.child.stdin.write(`${rev}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private onData(chunk: Buffer): void {
    // Joining every chunk as it came made reading a big object quadratic (a 75 MB note: 25 s).
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.buf.length + this.pendingBytes < this.need) return;
    this.buf = this.buf.length === 0 && this.pending.length === 1 ? chunk : Buffer.concat([this.buf, ...this.pending]);
    this.pending = [];
    this.pendingBytes = 0;
    while (this.queue.length > 0 && this.parseOne()) {}
  }

  /** Parses one complete answer from the buffer; false when more bytes are needed. */
  private parseOne(): boolean {
    const nl = this.buf.indexOf(10);
    if (nl < 0) {
      this.need = this.buf.length + 1;
      return false;
    }
    this.need = 0;
    const header = this.buf.subarray(0, nl).toString('utf8');
    const parts = header.split(' ');
    if (parts.length === 2 && (parts[1] === 'missing' || parts[1] === 'ambiguous')) {
      this.buf = this.buf.subarray(nl + 1);
      this.queue.shift()?.resolve(null);
      return true;
    }
    const size = Number(parts[2]);
    if (parts.length !== 3 || !Number.isSafeInteger(size)) {
      this.fail(new Error(`unexpected cat-file header: ${JSON.stringify(header)}`));
      return false;
    }
    if (this.buf.length < nl + 1 + size + 1) {
      this.need = nl + 1 + size + 1;
      return false;
    }
    const data = Buffer.from(this.buf.subarray(nl + 1, nl + 1 + size));
    this.buf = this.buf.subarray(nl + 1 + size + 1);
    this.queue.shift()?.resolve({ oid: parts[0]!, type: parts[1] as GitObject['type'], data });
    return true;
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const p of this.queue.splice(0)) p.reject(err);
  }
}

/** Runs fn with a batch reader and always closes it. */
export async function withCatFile<T>(git: GitRunner, fn: (cat: CatFileBatch) => Promise<T>): Promise<T> {
  const cat = new CatFileBatch(git);
  try {
    return await fn(cat);
  } finally {
    cat.close();
  }
}

/**
 * Reads many objects in one `git cat-file --batch --buffer`: every id written at once, the answers
 * streamed back in large chunks. The interactive CatFileBatch flushes after each object, which
 * costs a round of the event loop per object (10k notes: most of a second). Missing ids are absent.
 */
export async function readObjects(git: GitRunner, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const objects = new Map<string, Buffer>();
  await streamObjects(git, ids, (id, data) => data && objects.set(id, data));
  return objects;
}

/**
 * readObjects, each object handed to onObject as soon as it is read (null: missing), in the
 * order of ids (each id once): the caller works on the first objects while git reads the rest.
 */
export function streamObjects(git: GitRunner, ids: readonly string[], onObject: (id: string, data: Buffer | null) => void): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch', '--buffer'], { cwd: git.cwd, env: { ...process.env, ...git.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const parser = new BatchParser(unique, onObject);
    let stderr = '';
    let failed = false;
    const fail = (err: unknown) => {
      failed = true;
      child.kill();
      reject(err);
    };
    child.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ENOENT' ? new GitNotInstalledError(e) : e));
    child.stdin.on('error', () => {});
    child.stdout.on('data', (b: Buffer) => {
      if (failed) return;
      try {
        parser.push(b);
      } catch (err) {
        fail(err);
      }
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('close', (code, signal) => {
      if (failed) return;
      if (code !== 0) return reject(new GitError({ args: ['cat-file', '--batch', '--buffer'], cwd: git.cwd, exitCode: code, signal, stderr }));
      if (!parser.done()) return reject(new Error('git cat-file --batch --buffer: output ended early'));
      resolve();
    });
    child.stdin.end(`${unique.join('\n')}\n`);
  });
}

/** Parses `--batch` answers as their bytes arrive, one per requested id, in order. */
class BatchParser {
  private buf: Buffer = Buffer.alloc(0);
  /** Chunks not yet joined to buf: joined only once the answer being read is complete (linear time). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes buf must hold before parsing can make progress. */
  private need = 0;
  private next = 0;

  constructor(private readonly ids: readonly string[], private readonly onObject: (id: string, data: Buffer | null) => void) {}

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.buf.length + this.pendingBytes < this.need) return;
    this.buf = Buffer.concat([this.buf, ...this.pending]);
    this.pending = [];
    this.pendingBytes = 0;
    this.need = 0;
    let pos = 0;
    while (this.next < this.ids.length) {
      const nl = this.buf.indexOf(10, pos);
      if (nl < 0) {
        this.need = this.buf.length - pos + 1;
        break;
      }
      const parts = this.buf.subarray(pos, nl).toString('latin1').split(' ');
      if (parts.length === 2) {
        pos = nl + 1;
        this.onObject(this.ids[this.next++]!, null);
        continue;
      }
      const size = Number(parts[2]);
      if (parts.length !== 3 || !Number.isSafeInteger(size)) throw new Error(`unexpected cat-file header: ${JSON.stringify(parts.join(' '))}`);
      if (this.buf.length < nl + 1 + size + 1) {
        this.need = nl + 1 + size + 1 - pos;
        break;
      }
      this.onObject(this.ids[this.next++]!, this.buf.subarray(nl + 1, nl + 1 + size));
      pos = nl + 1 + size + 1;
    }
    this.buf = this.buf.subarray(pos);
  }

  done(): boolean {
    return this.next === this.ids.length;
  }
}
