/**
 * `aisess hook serve`: the warm binder (src/bind/warm.ts). Woken by the requests the post-commit
 * hook and running sessions write (a directory watch, and a poll in case the watch drops one), it
 * binds them with the same binder the hooks run, then removes them. It leaves after aisess.warmBinder without a request,
 * when its pid file is taken away (`aisess init --undo`, the store removed) or when the aisess it runs
 * was replaced on disk (an upgrade); requests that came meanwhile are served before it goes.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readAisessConfig } from '../config/aisess-config.js';
import { openRepo } from '../git/repo.js';
import { pidExists } from '../os/process.js';
import { bindPending, type BindOptions, type BindReport } from './binder.js';
import { claimWarm, endWarm, releaseWarm, removeRequest, SESSION_END, stillWarm, warmDir, warmRequests, type WarmRequest } from './warm.js';

const POLL_MS = 500;
const GIT_EXIT_WAIT_MS = 100;

export interface ServeOptions {
  storeDir: string;
  /** aisess.warmBinder as read where it was started: how long to stay until a bind reads it again. */
  idleMs: number;
  /** This aisess's entry file: replaced on disk, the binder leaves. */
  cli: string;
  log: (line: string) => Promise<void>;
  describe: (name: string, report: BindReport, ms: number) => string[];
}

export async function serveWarm(opts: ServeOptions): Promise<void> {
  // Before the claim: an upgrade the moment after the pid file appears must still send it away.
  const installed = await fileStamp(opts.cli);
  if (!(await claimWarm(opts.storeDir, process.env))) return;
  process.title = 'aisess binder';
  const leaveOnSignal = (): void => {
    endWarm(opts.storeDir);
    process.exit(0);
  };
  process.once('exit', () => endWarm(opts.storeDir));
  for (const s of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.once(s, leaveOnSignal);
  await prewarm();
  let idleMs = opts.idleMs;
  let lastWork = Date.now();
  const onServed = (served: Served | null) => {
    if (!served) return;
    lastWork = Date.now();
    idleMs = served.stay ?? idleMs;
  };
  // Two lanes: a hook's bind of a running session's commit waits (src/bind/binder.ts whileLiveBinds)
  // until that session bound it itself, which it asks for here too: one lane would stall the other.
  const hooks = lane(() => serveHookRequests(opts), opts, onServed);
  const sessions = lane(() => serveSessionRequests(opts), opts, onServed);
  const serve = () => Promise.all([hooks.run(), sessions.run()]);
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(warmDir(opts.storeDir), () => void serve());
    watcher.on('error', () => {});
  } catch {
    // Without a watch the poll still serves, at its pace.
  }
  await serve();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      void (async () => {
        // Not idle while binding: the time a bind takes is no time without a request.
        const idle = !hooks.busy() && !sessions.busy() && Date.now() - lastWork >= idleMs;
        const leave = !stillWarm(opts.storeDir) || idle || (await fileStamp(opts.cli)) !== installed;
        if (!leave) return void serve();
        clearInterval(timer);
        watcher?.close();
        // Hooks from now on start cold binders; a request written before they saw it is served here.
        releaseWarm(opts.storeDir);
        await serve();
        resolve();
      })();
    }, POLL_MS);
  });
}

interface Served {
  /** aisess.warmBinder as the binder just read it (null: no repository could be read). */
  stay: number | null;
}

/** Runs `work` until it finds nothing more; a call while it runs makes it go round once more. */
function lane(work: () => Promise<Served | null>, opts: ServeOptions, onServed: (s: Served | null) => void): { run: () => Promise<void>; busy: () => boolean } {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        onServed(await work().catch(async (err: unknown) => {
          await opts.log(`warm binder failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`).catch(() => {});
          return null;
        }));
      } while (again);
      running = null;
    })();
    return running;
  };
  return { run, busy: () => running !== null };
}

/** Binds the commits the hooks handed over, per working tree, in one run each; null when there were none. */
async function serveHookRequests(opts: ServeOptions): Promise<Served | null> {
  const first = (await warmRequests(opts.storeDir)).filter((r) => !r.session);
  if (first.length === 0) return null;
  // The git that made the commit is still finishing (after its hook): on a busy machine binding at
  // once would slow it down, and a note is no use before the commit returns. Not longer than a
  // moment: a rebase runs the hook for every commit it makes.
  await untilGone(first.flatMap((r) => (r.git ? [r.git] : [])), GIT_EXIT_WAIT_MS);
  const requests = (await warmRequests(opts.storeDir)).filter((r) => !r.session);
  let stay: number | null = null;
  const byTree = new Map<string, WarmRequest[]>();
  for (const r of requests) byTree.set(r.worktree, [...(byTree.get(r.worktree) ?? []), r]);
  for (const [worktree, asked] of byTree) {
    const commits = asked.map((r) => r.commit);
    stay = (await bindAsked(opts, 'post-commit', worktree, asked, { commits })) ?? stay;
  }
  return { stay };
}

/** Binds each running session's own commit, as `aisess hook bind` would (src/run/live.ts). */
async function serveSessionRequests(opts: ServeOptions): Promise<Served | null> {
  const requests = (await warmRequests(opts.storeDir)).filter((r) => r.session);
  if (requests.length === 0) return null;
  let stay: number | null = null;
  for (const r of requests) {
    const s = r.session!;
    const commits = r.commit === SESSION_END ? [] : [r.commit];
    stay = (await bindAsked(opts, 'bind', r.worktree, [r], { commits, sessions: [s.id], ...(s.transcriptAt > 0 && { transcriptAt: s.transcriptAt }) })) ?? stay;
  }
  return { stay };
}

/** One run of the binder for requests of one working tree; they are removed whatever happens. */
async function bindAsked(opts: ServeOptions, name: string, worktree: string, asked: WarmRequest[], bind: BindOptions): Promise<number | null> {
  const started = Date.now();
  try {
    // Opened afresh each time: the config (redaction, budgets) is read as it is now.
    const repo = await openRepo(worktree);
    const report = await bindPending(repo, { dir: opts.storeDir }, bind);
    for (const line of opts.describe(name, report, Date.now() - started)) await opts.log(`${line} (warm)`);
    // Read once per repository object: the binder above has read it already.
    return (await readAisessConfig(repo.git)).config.warmBinderMs;
  } catch (err) {
    await opts.log(`${name} ${asked.map((r) => r.commit.slice(0, 12)).join(', ')} (warm) failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return null;
  } finally {
    await Promise.all(asked.map((r) => removeRequest(opts.storeDir, r.name)));
  }
}

/** What a bind loads on first use (note body, notes writer, zstd): loaded now, not on the first commit. */
async function prewarm(): Promise<void> {
  const [, , { compressEnvelope }] = await Promise.all([import('../record/body.js'), import('../notes/index.js'), import('../notes/payload-line.js')]);
  compressEnvelope(new Uint8Array(64));
}

async function untilGone(pids: number[], maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (pids.some(pidExists) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
}

async function fileStamp(path: string): Promise<string> {
  const s = await stat(path).catch(() => null);
  return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : 'gone';
}
