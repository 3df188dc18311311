import { execFileSync } from 'node:child_process';
import { openRepo, type Repo } from '../../src/git/repo.js';
import type { NoteRecord } from '../../src/notes/types.js';
import { after } from 'node:test';
import { git, gitEnv, tempRepo } from '../helpers/git.js';

/** A record with a small body; time spreads records so their order is known. */
export function record(id: string, body: unknown = { id }, minute = 0): NoteRecord {
  return {
    id,
    summary: { time: Date.UTC(2026, 10, 25, 13, minute), agent: 'claude', durationMs: 61_000, title: `work on ${id}`, files: 1 },
    body,
  };
}

export function open(dir: string): Promise<Repo> {
  return openRepo(dir, { env: gitEnv });
}

/** Makes n commits on a new branch in one `git fast-import` (fast even for thousands); returns their ids, oldest first. */
export function manyCommits(dir: string, n: number, branch = 'many'): string[] {
  const parts: string[] = [];
  for (let i = 1; i <= n; i++) {
    const msg = `commit ${i}`;
    parts.push(`commit refs/heads/${branch}`, `mark :${i}`, `committer Ada Test <ada@example.com> ${1_767_225_600 + i} +0000`);
    parts.push(`data ${Buffer.byteLength(msg)}`, msg);
    if (i > 1) parts.push(`from :${i - 1}`);
    parts.push(`M 644 inline file.txt`, `data ${String(i).length}`, String(i), '');
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: `${parts.join('\n')}\n`, env: { ...process.env, ...gitEnv } });
  return git(dir, ['rev-list', '--reverse', branch]).split('\n');
}

/** Adds notes in one `git fast-import` commit on refs/notes/<ref>; git fans the tree out as `git notes add` would. */
export function addNotesFast(dir: string, notes: Array<[commit: string, text: string]>, ref = 'aisess'): void {
  const parts = [`commit refs/notes/${ref}`, 'committer Ada Test <ada@example.com> 1767225600 +0000', 'data 0'];
  for (const [commit, text] of notes) parts.push(`N inline ${commit}`, `data ${Buffer.byteLength(text)}`, text);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: `${parts.join('\n')}\n`, env: { ...process.env, ...gitEnv } });
}

/** `git notes --ref=aisess show <commit>`, or null when git says there is no note. */
export function gitShowNote(dir: string, commit: string, ref = 'aisess'): string | null {
  try {
    return git(dir, ['notes', `--ref=${ref}`, 'show', commit]);
  } catch {
    return null;
  }
}

/** Temporary repositories (and anything else) for one test file, removed after it. */
export function tempRepos(): { repoWith: (tree?: Record<string, string>) => string; removeLater: (cleanup: () => void) => void } {
  const cleanups: (() => void)[] = [];
  after(() => cleanups.forEach((c) => c()));
  return {
    repoWith(tree = { 'a.txt': 'a\n' }) {
      const r = tempRepo(tree);
      cleanups.push(r.cleanup);
      return r.path;
    },
    removeLater: (cleanup) => { cleanups.push(cleanup); },
  };
}
