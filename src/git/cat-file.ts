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
  private readonly answers = new BatchAnswers((answer) => {
    // Copied: a view would keep the whole chunk it arrived in alive.
    this.queue.shift()?.resolve(answer && { ...answer, data: Buffer.from(answer.data) });
  });
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
    this.child.stdout.on('data', (b: Buffer) => {
      try {
        this.answers.push(b);
      } catch (err) {
        this.fail(err as Error);
      }
    });
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
    let next = 0;
    const parser = new BatchAnswers((answer) => onObject(unique[next++]!, answer && answer.data));
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
      if (next < unique.length) return reject(new Error('git cat-file --batch --buffer: output ended early'));
      resolve();
    });
    child.stdin.end(`${unique.join('\n')}\n`);
  });
}

/**
 * Parses `git cat-file --batch` answers as their bytes arrive and hands each on in order: the
 * object (its data a view into the chunk it arrived in), or null for a missing or ambiguous name. Chunks are joined only once the answer being read is complete: joining every
 * chunk as it came made reading a big object quadratic (a 75 MB note: 25 s).
 */
class BatchAnswers {
  private buf: Buffer = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes buf must hold before parsing can make progress. */
  private need = 0;

  constructor(private readonly onAnswer: (answer: GitObject | null) => void) {}

  /** Throws on an answer that is not cat-file's. */
  push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.buf.length + this.pendingBytes < this.need) return;
    this.buf = this.buf.length === 0 && this.pending.length === 1 ? chunk : Buffer.concat([this.buf, ...this.pending]);
    this.pending = [];
    this.pendingBytes = 0;
    let pos = 0;
    for (;;) {
      const nl = this.buf.indexOf(10, pos);
      if (nl < 0) {
        this.need = this.buf.length - pos + 1;
        break;
      }
      const header = this.buf.subarray(pos, nl).toString('utf8');
      // `<name> missing`: the name asked for may hold spaces (`HEAD:a b.txt`).
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        pos = nl + 1;
        this.onAnswer(null);
        continue;
      }
      const parts = header.split(' ');
      const size = Number(parts[2]);
      if (parts.length !== 3 || !Number.isSafeInteger(size)) throw new Error(`unexpected cat-file header: ${JSON.stringify(header)}`);
      if (this.buf.length < nl + 1 + size + 1) {
        this.need = nl + 1 + size + 1 - pos;
        break;
      }
      this.onAnswer({ oid: parts[0]!, type: parts[1] as GitObject['type'], data: this.buf.subarray(nl + 1, nl + 1 + size) });
      pos = nl + 1 + size + 1;
    }
    this.buf = this.buf.subarray(pos);
  }
}
