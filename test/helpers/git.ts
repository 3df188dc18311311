import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fixturesDir } from './cli.js';

/** Pinned identity and dates so object ids are the same on every run. */
export const gitEnv: Record<string, string> = {
  GIT_AUTHOR_NAME: 'Ada Test',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Test',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  /** Keeps warm binders briefly (fixtures/gitconfig-tests). */
  GIT_CONFIG_GLOBAL: join(fixturesDir, 'gitconfig-tests'),
};

export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...gitEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  }).trimEnd();
}

export function tempDir(prefix = 'aisess-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => removeWhileWritten(path) };
}

/**
 * A binder aisess started in the background may still be writing in the store (on a loaded machine,
 * for seconds): retry as files come and go, for up to a minute.
 */
function removeWhileWritten(path: string): void {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EBUSY') || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}

/** Writes a tree of files given inline: { 'src/a.ts': 'text' }. */
export function writeTree(root: string, tree: Record<string, string>): void {
  for (const [rel, content] of Object.entries(tree)) {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** A fresh repository with the given files committed once (or empty when tree is omitted). */
export function tempRepo(tree?: Record<string, string>): { path: string; cleanup: () => void } {
  const dir = tempDir('aisess-repo-');
  git(dir.path, ['init', '-q', '-b', 'main']);
  if (tree) {
    writeTree(dir.path, tree);
    git(dir.path, ['add', '-A']);
    git(dir.path, ['commit', '-q', '-m', 'initial']);
  }
  return dir;
}
