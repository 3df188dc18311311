/** Local bare remotes and clones for the `aisess sync` tests. */
import { join } from 'node:path';
import { after } from 'node:test';
import { runCli, type CliResult } from '../helpers/cli.js';
import { git, gitEnv, tempDir } from '../helpers/git.js';

export const env = { ...process.env, ...gitEnv };

const dirs: (() => void)[] = [];
after(() => dirs.forEach((d) => d()));

/** A bare remote with four commits on main, and `n` clones of it. */
export function world(n: number): { remote: string; clones: string[]; commits: string[] } {
  const dir = tempDir('aisess-sync-');
  dirs.push(dir.cleanup);
  const remote = join(dir.path, 'remote.git');
  git(dir.path, ['init', '-q', '--bare', '-b', 'main', remote]);
  const seed = join(dir.path, 'seed');
  git(dir.path, ['clone', '-q', remote, seed]);
  for (let i = 0; i < 4; i++) git(seed, ['commit', '-q', '--allow-empty', '-m', `c${i}`]);
  git(seed, ['push', '-q', 'origin', 'HEAD:main']);
  const commits = git(seed, ['rev-list', '--reverse', 'HEAD']).split('\n');
  const clones = Array.from({ length: n }, (_, i) => {
    const clone = join(dir.path, `clone${i}`);
    git(dir.path, ['clone', '-q', remote, clone]);
    return clone;
  });
  return { remote, clones, commits };
}

export const sync = (cwd: string, args: string[]): CliResult => runCli(['sync', ...args], { cwd, env });

/** Sorted payload lines per noted commit, as plain git reads them. */
export function recordLines(cwd: string, ref = 'refs/notes/aisess'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const list = git(cwd, ['notes', `--ref=${ref}`, 'list']);
  for (const line of list ? list.split('\n') : []) {
    const [, commit] = line.split(' ');
    const text = git(cwd, ['notes', `--ref=${ref}`, 'show', commit!]);
    out.set(commit!, text.split('\n').filter((l) => l.startsWith('aisess')).sort());
  }
  return out;
}

export function notesRefOf(cwd: string): string | null {
  try {
    return git(cwd, ['rev-parse', '-q', '--verify', 'refs/notes/aisess']);
  } catch {
    return null;
  }
}

export const remoteNotes = (remote: string): string => git(remote, ['for-each-ref', '--format=%(objectname)', 'refs/notes/']);
