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
import { readAisessConfig } from '../config/aisess-config.js';
import { openRepo, type Repo } from '../git/repo.js';
import { storeDirOf } from './init.js';
import type { Runtime } from './install.js';

const LOG_MAX = 1024 * 1024;

export interface HookTarget {
  /** The commit that fired the hook (post-commit), or the one to bind (bind). */
  commit?: string;
  /** For `bind`: the one session whose segments may bind. */
  session?: string;
  /** For `bind` from aisess run: when it flushed the session's journal (epoch ms). */
  transcriptAt?: number;
}

export async function runHook(name: string, cwd: string, stdin: string, now: () => number = Date.now, target: HookTarget = {}, runtime?: Runtime): Promise<void> {
  if (name === 'serve') {
    return serve(cwd, runtime).catch((err: unknown) => {
      process.stderr.write(`aisess: warm binder failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    });
  }
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
    for (const line of describeReport(name, report, now() - started)) await log(store.dir, line);
    // This binder paid node's start-up; one left waiting binds the next commits at once.
    if (name === 'post-commit' && runtime && repo.workTree && (await readAisessConfig(repo.git)).config.warmBinderMs > 0) {
      const { startWarm } = await import('../bind/warm.js');
      // Only a speed-up: the bind above is done, so this is no failure of the hook's.
      await startWarm(store.dir, repo.workTree, runtime).catch((err: unknown) => log(store.dir, `warm binder not started: ${err instanceof Error ? err.message : String(err)}`));
    }
  } catch (err) {
    const dir = repo ? storeDirOf(repo) : null;
    const text = `${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    if (dir) await log(dir, text).catch(() => {});
    else process.stderr.write(`aisess: ${text}\n`);
  } finally {
    release();
  }
}

/** `aisess hook serve`: the warm binder of the store of `cwd` (src/bind/warm-serve.ts). */
async function serve(cwd: string, runtime: Runtime | undefined): Promise<void> {
  const repo = await openRepo(cwd);
  if (!repo.workTree || !runtime) return;
  const { serveWarm } = await import('../bind/warm-serve.js');
  const storeDir = storeDirOf(repo);
  const { warmBinderMs } = (await readAisessConfig(repo.git)).config;
  await serveWarm({ storeDir, idleMs: warmBinderMs, cli: runtime.cli, log: (line) => log(storeDir, line), describe: describeReport });
}

/** The hook log's lines for one run of the binder. */
export function describeReport(name: string, report: BindReport, ms: number): string[] {
  const bound = (b: { session: string; segments: number[] }[]) => b.map((x) => `${x.session} [${x.segments.join(',')}]`).join(', ');
  return [
    ...report.results.map((r) => `${name} ${r.commit.slice(0, 12)}: bound ${bound(r.bound)} in ${ms} ms`),
    ...report.failures.map((f) => `${name}: session ${f.session} not bound: ${f.message}`),
  ];
}

/** One line per event, rotated once past 1 MB so a busy repository's log stays small. */
export async function log(storeDir: string, line: string): Promise<void> {
  const path = join(storeDir, 'hook.log');
  const size = await stat(path).then((s) => s.size, () => 0);
  if (size > LOG_MAX) await rename(path, `${path}.1`).catch(() => {});
  await appendFile(path, `${new Date().toISOString()} ${line}\n`);
}
