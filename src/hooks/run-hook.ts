/**
 * What `aisess hook <name>` does when git runs our hook: bind the commit that fired it (post-commit
 * passes its id: HEAD may have moved on by the time node runs) and anything the reflog shows was
 * missed before it; after a rewrite, bind the rewritten commits. Never throws: git must not see a
 * failure from us; problems are appended to `<store>/hook.log` and recorded for `aisess status`.
 */
import { appendFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { bindPending, type BindReport } from '../bind/binder.js';
import { bindersInFlight, releaseAtExit } from '../bind/in-flight.js';
import { bindRewritten, parseRewritePairs } from '../bind/rewrite.js';
import { openRepo, type Repo } from '../git/repo.js';
import { storeDirOf } from './init.js';

const LOG_MAX = 1024 * 1024;

export interface HookTarget {
  /** The commit that fired the hook (post-commit), or the one to bind (bind). */
  commit?: string;
  /** For `bind`: the one session whose segments may bind. */
  session?: string;
  /** For `bind` from aisess run: when it flushed the session's journal (epoch ms). */
  transcriptAt?: number;
}

export async function runHook(name: string, cwd: string, stdin: string, now: () => number = Date.now, target: HookTarget = {}): Promise<void> {
  let repo: Repo | null = null;
  let release = (): void => {};
  try {
    repo = await openRepo(cwd);
    const store = { dir: storeDirOf(repo) };
    // Whoever started this binder marked it in flight by its pid (the hooks and aisess run's last
    // bind), or by the pid of the shell that runs it (post-rewrite), and does not wait to unmark it:
    // the marker goes when this process ends, however it ends; markers of binders gone are swept.
    release = releaseAtExit(store.dir, [process.pid, process.ppid]);
    await bindersInFlight(store.dir);
    const started = now();
    const commits = target.commit && /^[0-9a-f]{7,64}$/.test(target.commit) ? [target.commit] : [];
    let report: BindReport;
    if (name === 'post-commit' || name === 'bind') {
      report = await bindPending(repo, store, {
        commits, ...(name === 'bind' && target.session && { sessions: [target.session], transcriptAt: target.transcriptAt }),
      });
    } else if (name === 'post-rewrite') {
      report = await bindRewritten(repo, store, parseRewritePairs(stdin));
    } else {
      await log(store.dir, `unknown hook '${name}' ignored`);
      return;
    }
    for (const r of report.results) {
      await log(store.dir, `${name} ${r.commit.slice(0, 12)}: bound ${describe(r.bound)} in ${now() - started} ms`);
    }
    for (const f of report.failures) await log(store.dir, `${name}: session ${f.session} not bound: ${f.message}`);
  } catch (err) {
    const dir = repo ? storeDirOf(repo) : null;
    const text = `${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    if (dir) await log(dir, text).catch(() => {});
    else process.stderr.write(`aisess: ${text}\n`);
  } finally {
    release();
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
