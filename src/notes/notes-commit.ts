import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { GitError, GitNotInstalledError } from '../git/errors.js';
import type { GitRunner } from '../git/runner.js';
import { isObjectId } from '../git/object-id.js';
import type { PathChange } from './note-layout.js';

/**
 * One `git fast-import` writing a merged notes commit. New note texts are streamed in as the merge
 * makes them (`blob` commands with marks), so git compresses them while the merge goes on (and
 * inline `M` texts ahead of the existing blobs' `M` lines cost fast-import 0.25 s more); then
 * one commit of changes at explicit paths against the first parent's tree (src/notes/note-layout.ts
 * chooses them): `M` and `D` cost fast-import next to nothing, where its `N` (which fans the tree
 * out itself) took 0.4 s for 10k notes. Blobs and trees go into one pack: `git mktree` writes one
 * loose object per tree, a millisecond or two each. fast-import must update a ref, so it writes a
 * private one, read and deleted at once; nothing points at the commit until the caller's
 * compare-and-swap.
 */
export class NotesImport {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly closed: Promise<{ stdout: string; error: GitError | Error | null }>;
  private marks = 0;

  constructor(private readonly git: GitRunner) {
    this.child = spawn('git', ['fast-import', '--quiet'], { cwd: git.cwd, env: { ...process.env, ...git.env } });
    const out: Buffer[] = [];
    let stderr = '';
    this.child.stdin.on('error', () => {});
    this.child.stdout.on('data', (b: Buffer) => out.push(b));
    this.child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    this.closed = new Promise((resolve) => {
      this.child.on('error', (e: NodeJS.ErrnoException) => resolve({ stdout: '', error: e.code === 'ENOENT' ? new GitNotInstalledError(e) : e }));
      this.child.on('close', (code, signal) => {
        const error = code === 0 ? null : new GitError({ args: ['fast-import', '--quiet'], cwd: git.cwd, exitCode: code, signal, stderr });
        resolve({ stdout: Buffer.concat(out).toString('utf8'), error });
      });
    });
  }

  /** Streams a new blob in; returns its mark (`:n`), which a change's blob may name. */
  blob(text: string): string {
    const mark = `:${++this.marks}`;
    this.child.stdin.write(`blob\nmark ${mark}\ndata ${Buffer.byteLength(text, 'utf8')}\n${text}\n`, 'utf8');
    return mark;
  }

  /** Writes the commit and ends the import; returns the commit's id. */
  async commit(parents: readonly string[], message: string, changes: readonly PathChange[], committer: string): Promise<string> {
    const scratch = `refs/aisess/scratch/${process.pid}-${randomBytes(4).toString('hex')}`;
    const msg = Buffer.from(message, 'utf8');
    const mark = `:${++this.marks}`;
    const lines = [...parents.map((p, i) => `${i === 0 ? 'from' : 'merge'} ${p}`), ...changes.map((c) => ('remove' in c ? `D ${c.path}` : `M 100644 ${c.blob} ${c.path}`))];
    // get-mark prints the new commit's id on stdout: no rev-parse of the scratch ref.
    const tail = `${lines.join('\n')}\n\nget-mark ${mark}\n`;
    this.child.stdin.end(Buffer.concat([Buffer.from(`commit ${scratch}\nmark ${mark}\ncommitter ${committer}\ndata ${msg.length}\n`), msg, Buffer.from(`\n${tail}`)]));
    const { stdout, error } = await this.closed;
    if (error) throw error;
    const commit = stdout.trim();
    if (!isObjectId(commit)) throw new Error(`git fast-import gave no commit id for the merged notes: ${JSON.stringify(commit.slice(0, 100))}`);
    await this.git.run(['update-ref', '-d', scratch, commit]);
    return commit;
  }

  /** Ends an import that wrote no commit: the blobs streamed in so far stay unreferenced, for gc. */
  abandon(): void {
    if (!this.child.stdin.writableEnded) this.child.stdin.end();
  }
}

/** The user's committer identity and the time, as fast-import wants it; aisess's own when none is configured. */
export async function committer(git: GitRunner): Promise<string> {
  const out = await git.run(['var', 'GIT_COMMITTER_IDENT'], { okCodes: [128] });
  const ident = out.stdout.trim();
  return out.exitCode === 0 && /^.* <.*> \d+ [+-]\d{4}$/.test(ident) ? ident : `aisess <aisess@localhost> ${Math.floor(Date.now() / 1000)} +0000`;
}
