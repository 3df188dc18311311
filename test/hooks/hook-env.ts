/**
 * Shared by the hook tests: a repository whose hooks run a stand-in CLI that records its argv,
 * a poll for what happens in the background, and a count of the processes a shell script starts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRepo } from '../../src/git/repo.js';
import { gitEnv, tempDir, tempRepo } from '../helpers/git.js';

export const env = { ...process.env, ...gitEnv };

export interface HookRepo {
  path: string;
  hooks: string;
  store: string;
  runtime: { node: string; cli: string };
  /** The stand-in CLI's runs, one argv (without node and the script) a line. */
  runs: () => string[];
  open: () => ReturnType<typeof openRepo>;
  cleanup: () => void;
}

export function hookRepo(tree: Record<string, string> = { 'a.txt': 'a\n' }): HookRepo {
  const repo = tempRepo(tree);
  const tools = tempDir('aisess-hook-cli-');
  const path = realpathSync(repo.path);
  const log = join(tools.path, 'runs.log');
  const cli = join(tools.path, 'cli.mjs');
  writeFileSync(cli, `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, process.argv.slice(2).join(' ') + '\\n');\n`);
  return {
    path,
    hooks: join(path, '.git', 'hooks'),
    store: join(path, '.git', 'aisess'),
    runtime: { node: process.execPath, cli },
    runs: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    open: () => openRepo(path, { env: gitEnv }),
    cleanup: () => {
      repo.cleanup();
      tools.cleanup();
    },
  };
}

/** Something is pending in the store: post-commit takes its slow path and starts the CLI. */
export function markPending(store: string): void {
  mkdirSync(join(store, 'pending'), { recursive: true });
  writeFileSync(join(store, 'pending', 'x.json'), '{}');
}

const straceWorks = (): boolean => spawnSync('strace', ['-f', '-o', '/dev/null', 'true']).status === 0;
/** Why forks cannot be counted here (no strace, or ptrace not permitted), or null when they can. */
export const noStrace: string | null = straceWorks() ? null : 'strace is not available (or ptrace is not permitted)';

/** Runs `sh <script> ...args` in cwd and counts the processes the shell created (fork, vfork, clone). */
export function forksOf(script: string, args: string[], cwd: string, input = ''): { status: number | null; forks: number } {
  const dir = tempDir('aisess-strace-');
  try {
    const out = join(dir.path, 'trace');
    const r = spawnSync('strace', ['-f', '-e', 'trace=fork,vfork,clone,clone3', '-o', out, 'sh', script, ...args], { cwd, env, input });
    const trace = readFileSync(out, 'utf8');
    const forks = trace.split('\n').filter((l) => /\b(v?fork|clone3?)\(/.test(l) && !/= -1 /.test(l)).length;
    return { status: r.status, forks };
  } finally {
    dir.cleanup();
  }
}
