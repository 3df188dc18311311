/**
 * What `aisess hook <name>` does when git runs our hook: bind pending segments to the new commit
 * (post-commit) or to the rewritten commits (post-rewrite). Never throws: git must not see a
 * failure from us; problems are appended to `<store>/hook.log`.
 */
import { appendFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { bindCommit } from '../bind/binder.js';
import { bindRewritten, parseRewritePairs } from '../bind/rewrite.js';
import { openRepo, type Repo } from '../git/repo.js';
import { storeDirOf } from './init.js';

const LOG_MAX = 1024 * 1024;

export interface HookTarget {
  /** For `bind`: the commit, and the one session whose segments may bind to it. */
  commit?: string;
  session?: string;
}

export async function runHook(name: string, cwd: string, stdin: string, now: () => number = Date.now, target: HookTarget = {}): Promise<void> {
  let repo: Repo | null = null;
  try {
    repo = await openRepo(cwd);
    const store = { dir: storeDirOf(repo) };
    const started = now();
    if (name === 'post-commit') {
      const r = await bindCommit(repo, store, 'HEAD');
      if (r.bound.length) await log(store.dir, `post-commit ${r.commit.slice(0, 12)}: bound ${describe(r.bound)} in ${now() - started} ms`);
    } else if (name === 'bind' && target.commit) {
      const sessions = target.session ? [target.session] : undefined;
      const r = await bindCommit(repo, store, target.commit, { sessions });
      if (r.bound.length) await log(store.dir, `live ${r.commit.slice(0, 12)}: bound ${describe(r.bound)} in ${now() - started} ms`);
    } else if (name === 'post-rewrite') {
      const results = await bindRewritten(repo, store, parseRewritePairs(stdin));
      for (const r of results.filter((x) => x.bound.length)) await log(store.dir, `post-rewrite ${r.commit.slice(0, 12)}: bound ${describe(r.bound)}`);
    } else {
      await log(store.dir, `unknown hook '${name}' ignored`);
    }
  } catch (err) {
    const dir = repo ? storeDirOf(repo) : null;
    const text = `${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    if (dir) await log(dir, text).catch(() => {});
    else process.stderr.write(`aisess: ${text}\n`);
  }
}

function describe(bound: { session: string; segments: number[] }[]): string {
  return bound.map((b) => `${b.session} [${b.segments.join(',')}]`).join(', ');
}

/** One line per event, rotated once past 1 MB so a busy repository's log stays small. */
export async function log(storeDir: string, line: string): Promise<void> {
  const path = join(storeDir, 'hook.log');
  const size = await stat(path).then((s) => s.size, () => 0);
  if (size > LOG_MAX) await rename(path, `${path}.1`).catch(() => {});
  await appendFile(path, `${new Date().toISOString()} ${line}\n`);
}
