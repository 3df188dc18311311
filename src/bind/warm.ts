/**
 * The warm binder's side of the store, shared with the post-commit and pre-push hooks (sh, no fork).
 * A cold binder costs node's start-up and module loading on every commit (about 200 ms here); after
 * a hook's binder ran, or once `aisess run` has something to bind, a detached `aisess hook serve`
 * stays (aisess.warmBinder, 10 minutes by default) and binds the next commits as soon as they are
 * handed over.
 *
 * `<store>/warm/`:
 *  - `pid`: two lines, the serving process's pid and the environment it reads git with (`envLine`).
 *    Created exclusively by the one process that serves; it removes it first when it leaves.
 *  - `serving.<pid>`: there while that process lives, also after it gave up the pid file: it still
 *    serves what the post-commit hook handed it before (that hook reads only the pid file). Written
 *    by whoever starts it, too: a session's last bind may be handed to it before it claimed the store.
 *  - `<commit>`: a request from the post-commit hook: the working tree the commit was made in and
 *    the pid of the git that made it, a line each.
 *  - `<commit>.<session>`: a running `aisess run` binding its own session to a commit it saw: the
 *    working tree, an empty line and when it flushed its journal (epoch ms). Written under another
 *    name and renamed into place.
 * Requests are removed once bound. While one is there and a serving process runs, readers wait for
 * it as for a binder in flight; one left by a binder that died is swept (the next binder's reflog
 * catch-up, or `aisess status`, binds that commit; a session binds its own in a child).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pidExists } from '../os/process.js';
import { ownNodeEnv } from '../os/node-env.js';

/**
 * What the hook and the warm binder must agree on for git to read the same config and objects: a
 * commit made with others (`git -c …`, another HOME) is bound by a cold binder of its own. The
 * hooks build the same line from their shell variables (src/hooks/script.ts).
 */
export const WARM_ENV_KEYS = [
  'HOME', 'XDG_CONFIG_HOME', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE', 'PATH',
] as const;

/** Set by git for the commit at hand: the warm binder opens each request's working tree without them. */
const PER_COMMIT_ENV = /^GIT_(DIR|WORK_TREE|INDEX_FILE|PREFIX|COMMON_DIR|EDITOR|REFLOG_ACTION|QUARANTINE_PATH|(AUTHOR|COMMITTER)_(NAME|EMAIL|DATE))$/;

/** The longest a session waits for the warm binder to bind its commit (a stopped one never will). */
const SESSION_BIND_MS = 60_000;

const REQUEST = /^([0-9a-f]{40}(?:[0-9a-f]{24})?)(?:\.([A-Za-z0-9_-]+))?$/;

/** Whether a name in the warm directory is a request (not the pid file, not a file being written). */
export const isWarmRequest = (name: string): boolean => REQUEST.test(name);

export const warmDir = (storeDir: string): string => join(storeDir, 'warm');
const pidPath = (storeDir: string): string => join(warmDir(storeDir), 'pid');
const servingPath = (storeDir: string, pid: number): string => join(warmDir(storeDir), `serving.${pid}`);
const SERVING = /^serving\.([1-9]\d*)$/;

/**
 * The keys' values joined by `|`. git puts its exec path in front of PATH for its hooks: without it,
 * `aisess run` (no hook) and the hooks started from the same shell agree.
 */
export function envLine(env: NodeJS.ProcessEnv): string {
  const exec = env.GIT_EXEC_PATH;
  return WARM_ENV_KEYS.map((k) => {
    const v = env[k] ?? '';
    return k === 'PATH' && exec && v.startsWith(`${exec}:`) ? v.slice(exec.length + 1) : v;
  }).join('|');
}

export interface WarmServer {
  pid: number;
  env: string;
}

/** The process serving this store, if its pid file names one that runs. */
export async function warmServer(storeDir: string): Promise<WarmServer | null> {
  const text = await readFile(pidPath(storeDir), 'utf8').catch(() => null);
  return text === null ? null : parseServer(text);
}

function parseServer(text: string): WarmServer | null {
  const [pid, env] = text.split('\n');
  if (!pid || !/^[1-9]\d*$/.test(pid) || env === undefined) return null;
  return pidExists(Number(pid)) ? { pid: Number(pid), env } : null;
}

/**
 * Makes this process the store's warm binder, unless one runs already. The pid file is written in
 * full under another name and linked into place: the hooks never read half of it, and two claimants
 * cannot both win. A file naming a process that is gone is taken over.
 */
export async function claimWarm(storeDir: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  await mkdir(warmDir(storeDir), { recursive: true });
  const path = pidPath(storeDir);
  const temp = join(warmDir(storeDir), `.pid.${process.pid}`);
  writeFileSync(temp, `${process.pid}\n${envLine(env)}\n`);
  // Before the pid file: once a hook can hand this process a commit, readers must see it serves.
  writeFileSync(servingPath(storeDir, process.pid), '');
  let claimed = false;
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temp, path);
        return (claimed = true);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const held = (() => {
        try {
          return parseServer(readFileSync(path, 'utf8'));
        } catch {
          return null;
        }
      })();
      if (held) return false;
      try {
        unlinkSync(path);
      } catch {}
    }
    return false;
  } finally {
    try {
      unlinkSync(temp);
    } catch {}
    // Lost: the mark goes, unless this process serves already (the pid file is its own).
    if (!claimed && !stillWarm(storeDir)) unmarkServing(storeDir);
  }
}

/** Removes the pid file if it is this process's: from now on the hooks start cold binders. */
export function releaseWarm(storeDir: string): void {
  const path = pidPath(storeDir);
  try {
    if (readFileSync(path, 'utf8').split('\n')[0] === String(process.pid)) unlinkSync(path);
  } catch {}
}

/** As this process ends: its pid file and its serving mark go. */
export function endWarm(storeDir: string): void {
  releaseWarm(storeDir);
  unmarkServing(storeDir);
}

function unmarkServing(storeDir: string): void {
  try {
    unlinkSync(servingPath(storeDir, process.pid));
  } catch {}
}

/** Whether the pid file still names this process (gone: `aisess init --undo`, or the store removed). */
export function stillWarm(storeDir: string): boolean {
  try {
    return readFileSync(pidPath(storeDir), 'utf8').split('\n')[0] === String(process.pid);
  } catch {
    return false;
  }
}

export interface WarmRequest {
  /** The file's name in the warm directory. */
  name: string;
  commit: string;
  /** The working tree the commit was made in (the hook's directory). */
  worktree: string;
  /** The git process that ran the hook, if it said. */
  git: number | null;
  /** A running session's own bind: only its segments, its journal read as of `transcriptAt`. */
  session?: { id: string; transcriptAt: number };
}

/** The requests fully written so far. */
export async function warmRequests(storeDir: string): Promise<WarmRequest[]> {
  const dir = warmDir(storeDir);
  const names = (await readdir(dir).catch(() => [] as string[])).filter(isWarmRequest);
  const read = await Promise.all(names.map(async (name): Promise<WarmRequest | null> => {
    const [, commit = '', session] = REQUEST.exec(name) ?? [];
    const text = await readFile(join(dir, name), 'utf8').catch(() => '');
    // Not yet whole: the hook is still writing it (its write wakes the binder again).
    if (!text.endsWith('\n')) return null;
    const [worktree = '', git = '', at = ''] = text.slice(0, -1).split('\n');
    const transcriptAt = Number(at);
    return {
      name, commit, worktree, git: /^[1-9]\d*$/.test(git) ? Number(git) : null,
      ...(session && { session: { id: session, transcriptAt: Number.isFinite(transcriptAt) ? transcriptAt : 0 } }),
    };
  }));
  return read.filter((r): r is WarmRequest => r !== null && r.worktree !== '');
}

export async function removeRequest(storeDir: string, name: string): Promise<void> {
  await unlink(join(warmDir(storeDir), name)).catch(() => {});
}

/**
 * The commit a session names for its last bind, once it ended (git's null object id): what it left
 * waiting is bound against the commits made meanwhile, as `aisess hook bind --session` does.
 */
export const SESSION_END = '0'.repeat(40);

/**
 * For a session: has the store's warm binder, if one runs and reads git as this process does, bind
 * `session` to `commit` (null: its last bind, after it ended, which may also go to `starting`, the
 * binder the session started); false when there is none (or it left before): the caller binds
 * otherwise. A commit's bind resolves true once it is done; the last one as soon as the binder has
 * it, for aisess exits then (readers wait for the request meanwhile).
 */
export async function bindWarm(
  storeDir: string, req: { commit: string | null; worktree: string; session: string; transcriptAt: number }, starting?: number | null,
): Promise<boolean> {
  const server = await warmServer(storeDir);
  // The last bind may also go to the binder this session started, before it claimed the store:
  // it serves what waits once it has (a cold binder of the session's own would cost a node start).
  const taker = server ? server.env === envLine(process.env) : req.commit === null && starts(storeDir, starting);
  if (!taker || !/^[A-Za-z0-9_-]+$/.test(req.session)) return false;
  const name = `${req.commit ?? SESSION_END}.${req.session}`;
  const path = join(warmDir(storeDir), name);
  const temp = join(warmDir(storeDir), `.req.${process.pid}.${req.session}`);
  await writeFile(temp, `${req.worktree}\n\n${req.transcriptAt}\n`);
  await rename(temp, path);
  if (req.commit === null) {
    // Still there after the request was written: it serves it, in its last round if it is leaving.
    if ((await warmServer(storeDir)) || starts(storeDir, starting)) return true;
    await removeRequest(storeDir, name);
    return false;
  }
  const deadline = Date.now() + SESSION_BIND_MS;
  for (let n = 0; ; n++) {
    if (!existsSync(path)) return true;
    // Now and then: is it still there to take it? If not (or stuck), the request goes and the caller binds.
    if (n % 20 === 19 && (!(await warmServer(storeDir)) || Date.now() > deadline)) {
      await removeRequest(storeDir, name);
      return false;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * For readers waiting on binders in flight: the pids of the warm binders that may still serve a
 * request that waits (the one with the pid file, and any leaving that serves what it was handed).
 * Requests no running binder will serve are removed (their commits are caught up from the reflog),
 * as are the serving marks of binders that died.
 */
export async function warmInFlight(storeDir: string): Promise<number[]> {
  const names = await readdir(warmDir(storeDir)).catch(() => [] as string[]);
  const requests = names.filter(isWarmRequest);
  if (requests.length === 0) return [];
  const server = await warmServer(storeDir);
  const serving = new Set(server ? [server.pid] : []);
  for (const name of names) {
    const pid = Number(SERVING.exec(name)?.[1]);
    if (!pid) continue;
    if (pidExists(pid)) serving.add(pid);
    else await unlink(join(warmDir(storeDir), name)).catch(() => {});
  }
  if (serving.size > 0) return [...serving];
  await Promise.all(requests.map((n) => removeRequest(storeDir, n)));
  return [];
}

/** Stops the store's warm binder (it sees its pid file gone and leaves) and removes its directory. */
export async function stopWarm(storeDir: string): Promise<void> {
  await unlink(pidPath(storeDir)).catch(() => {});
  await rmdir(warmDir(storeDir)).catch(() => {});
}

/**
 * Starts `aisess hook serve` for this store, detached, its output appended to the hook log: the
 * cold binder that just ran leaves a warm one behind. One that reads git otherwise (the commits it
 * could take are not the ones made now) is sent away first: the latest environment wins. Not when
 * git is read with `GIT_CONFIG_COUNT` (its numbered keys are not part of the line the hooks compare).
 * The pid of the process started, if one was.
 */
export async function startWarm(storeDir: string, worktree: string, runtime: { node: string; cli: string }): Promise<number | null> {
  if (process.env.GIT_CONFIG_COUNT) return null;
  const server = await warmServer(storeDir);
  if (server?.env === envLine(process.env)) return null;
  // It sees its pid file gone and leaves, serving what it was handed; the new one claims the file.
  if (server) await unlink(pidPath(storeDir)).catch(() => {});
  const env = Object.fromEntries(Object.entries(ownNodeEnv(process.env)).filter(([k]) => !PER_COMMIT_ENV.test(k)));
  const log = openSync(join(storeDir, 'hook.log'), 'a');
  try {
    const child = spawn(runtime.node, [runtime.cli, 'hook', 'serve'], { cwd: worktree, env, detached: true, stdio: ['ignore', log, log] });
    child.on('error', () => {});
    child.unref();
    if (child.pid === undefined) return null;
    // Marked serving from the start: a request handed to it before it claimed the store is waited
    // for (and not swept) by readers. It removes the mark if it loses the claim; if it dies first,
    // readers sweep the mark of a process gone.
    await mkdir(warmDir(storeDir), { recursive: true });
    writeFileSync(servingPath(storeDir, child.pid), '');
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** Whether `pid`, a warm binder this process started, is still on its way to serve (or serving). */
function starts(storeDir: string, pid: number | null | undefined): boolean {
  return !!pid && pidExists(pid) && existsSync(servingPath(storeDir, pid));
}
