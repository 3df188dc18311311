import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError, GitNotInstalledError } from './errors.js';
import type { GitRunner } from './runner.js';

export interface MkTreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  name: string;
}

/**
 * One long-lived `git mktree --batch`: it prints each tree's id as soon as the tree's blank-line
 * terminator arrives, so a whole tree of trees is written bottom-up for the cost of one spawn.
 */
export class MkTreeBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (oid: string) => void; reject: (e: Error) => void }[] = [];
  private pending = '';
  private stderr = '';
  private failure: Error | null = null;

  constructor(git: GitRunner) {
    this.child = spawn('git', ['mktree', '--batch'], { cwd: git.cwd, env: { ...process.env, ...git.env } });
    this.child.on('error', (e: NodeJS.ErrnoException) => this.fail(e.code === 'ENOENT' ? new GitNotInstalledError(e) : e));
    this.child.stdin.on('error', () => {});
    this.child.stderr.on('data', (b: Buffer) => (this.stderr += b.toString('utf8')));
    this.child.stdout.on('data', (b: Buffer) => this.onData(b.toString('utf8')));
    this.child.on('close', (code, signal) => {
      this.fail(new GitError({ args: ['mktree', '--batch'], cwd: git.cwd, exitCode: code, signal, stderr: this.stderr }));
    });
  }

  /** Writes one non-empty tree and resolves to its id. */
  write(entries: readonly MkTreeEntry[]): Promise<string> {
    if (entries.length === 0) return Promise.reject(new Error('mktree --batch cannot write an empty tree'));
    if (this.failure) return Promise.reject(this.failure);
    const text = entries.map((e) => `${e.mode} ${e.type} ${e.oid}\t${e.name}\n`).join('');
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${text}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private onData(text: string): void {
    this.pending += text;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, nl).trim();
      this.pending = this.pending.slice(nl + 1);
      if (line) this.waiting.shift()?.resolve(line);
    }
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const w of this.waiting.splice(0)) w.reject(err);
  }
}
