/**
 * The e2e harness: a sandbox (agent homes, state dir, HOME, PATH with the fake agents, pinned git
 * identity), a real repository, a fake agent or any program run through the built `aisess run` in
 * a real pty, and readers for what landed (notes through `aisess show --json` or plain `git notes`,
 * pending through `aisess status --json`). Waits go through helpers/wait.ts; nothing asserts on
 * timing. The e2e files add only what their subject needs (binding-harness.ts: the scenario table;
 * agents-session.ts: agent flags; privacy-session.ts: note decoding).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Step } from '../../fixtures/lib/script.mjs';
import { after } from 'node:test';
import { cliArgv, fixturesDir } from './cli.js';
import { git, gitEnv, tempDir, tempRepo } from './git.js';
import { cliInTerminal, type OuterTerminal } from './term.js';
import { eventually as poll, waitFor } from './wait.js';

export interface Sandbox {
  /** A directory for state outside any repository (AISESS_STATE_DIR, agent homes). */
  home: string;
  env: Record<string, string>;
  cleanup: () => void;
}

/** Agent homes, HOME and the state dir in a temp dir, fixtures/agents first on PATH, git identity and time zone pinned. */
export function sandbox(): Sandbox {
  const dir = tempDir('aisess-scen-home-');
  const home = realpathSync(dir.path);
  for (const d of ['state', 'claude', 'codex']) mkdirSync(join(home, d));
  const env: Record<string, string> = {
    ...gitEnv,
    HOME: home,
    TZ: 'UTC',
    AISESS_STATE_DIR: join(home, 'state'),
    CLAUDE_CONFIG_DIR: join(home, 'claude'),
    CODEX_HOME: join(home, 'codex'),
    GIT_CEILING_DIRECTORIES: realpathSync(join(home, '..')),
    PATH: `${join(fixturesDir, 'agents')}:${process.env.PATH}`,
  };
  return { home, env, cleanup: dir.cleanup };
}

/** A repository (realpath, so paths compare) with the tree committed once. */
export function scenarioRepo(tree: Record<string, string> = { 'a.txt': 'a0\n', 'b.txt': 'b0\n' }): { path: string; cleanup: () => void } {
  const dir = tempRepo(tree);
  return { path: realpathSync(dir.path), cleanup: dir.cleanup };
}

/** `aisess run <agent>` playing the script, in a pty, in cwd. */
export function runAgent(sb: Sandbox, cwd: string, script: Step[], agent = 'claude'): OuterTerminal {
  return cliInTerminal(['run', agent], { cwd, env: { ...sb.env, FAKE_AGENT_SCRIPT: JSON.stringify(script) } });
}

interface Ran {
  status: number;
  stdout: string;
  stderr: string;
}

/** Async, so the test keeps reading the pty while a command runs (spawnSync would stall the agent). */
function run(file: string, args: string[], cwd: string, env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** The built CLI with the sandbox's environment. */
export function cli(sb: Sandbox, cwd: string, args: string[]): Promise<Ran> {
  const [node, argv] = cliArgv(args);
  return run(node, argv, cwd, sb.env);
}

/** Plain git with the sandbox's environment, as the user in another terminal. */
export async function sh(sb: Sandbox, cwd: string, args: string[]): Promise<string> {
  const r = await run('git', args, cwd, sb.env);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trimEnd();
}

export interface BoundSegment {
  session: string;
  index: number;
  /** "path:full" or "path:partial", sorted. */
  paths: string[];
  text: string;
}

/** The segments on a commit (empty when it carries none); throws on a damaged note. */
export async function notesOn(sb: Sandbox, cwd: string, rev: string): Promise<BoundSegment[]> {
  const r = await cli(sb, cwd, ['show', rev, '--json']);
  if (r.status === 1 && /carries no aisess segments/.test(r.stderr)) return [];
  if (r.status !== 0) throw new Error(`aisess show ${rev}: ${r.status} ${r.stderr}`);
  const shown = JSON.parse(r.stdout) as {
    problems: unknown[];
    segments: { id: string; session: string; paths: { path: string; bound: string }[]; text: string }[];
  };
  if (shown.problems.length) throw new Error(`damaged records on ${rev}: ${JSON.stringify(shown.problems)}`);
  return shown.segments
    .map((s) => ({
      session: s.session,
      index: Number(s.id.slice(s.id.lastIndexOf(':') + 1)),
      paths: s.paths.map((p) => `${p.path}:${p.bound}`).sort(),
      text: s.text,
    }))
    .sort((a, b) => a.session.localeCompare(b.session) || a.index - b.index);
}

/**
 * Each path the records on a commit name, with its label, once. A write the watcher catches half
 * done (the scanner holds back a file modified in the last 50 ms, but a writer can stall longer
 * between truncating and filling it) makes two segments that both name the path and both bind.
 */
export function boundPaths(notes: readonly BoundSegment[]): string[] {
  return [...new Set(notes.flatMap((n) => n.paths))].sort();
}

/** `[session-or-label:index paths…]`, for deepEqual on what a commit carries. */
export function summary(segments: readonly BoundSegment[], label: (session: string) => string = (s) => s): string[] {
  return segments.map((s) => `${label(s.session)}:${s.index} ${s.paths.join(' ')}`.trimEnd());
}

export interface PendingEntry {
  session: string;
  live: boolean;
  segments: { index: number; paths: { path: string; blob: string | null }[] }[];
  note?: string;
}

/** The sessions with changes still waiting (`aisess status --json`, which first binds what was missed). */
export async function pendingIn(sb: Sandbox, cwd: string): Promise<PendingEntry[]> {
  const r = await cli(sb, cwd, ['status', '--json']);
  if (r.status !== 0) throw new Error(`aisess status: ${r.status} ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { sessions: PendingEntry[]; failures: unknown[] };
  if (report.failures.length) throw new Error(`binding failed: ${JSON.stringify(report.failures)}`);
  return report.sessions.filter((s) => s.segments.length > 0);
}

/** Paths still waiting, as "index:path", over every pending session. */
export function pendingPaths(entries: readonly PendingEntry[]): string[] {
  return entries.flatMap((e) => e.segments.flatMap((s) => s.paths.map((p) => `${s.index}:${p.path}`))).sort();
}

/**
 * helpers/wait.ts's eventually for probes that run the CLI, 30 s by default. Given the repository
 * the probe reads, it runs again as soon as the repository's git dir (refs, notes, the aisess store)
 * changes, and at least once a second; else every 200 ms.
 */
export function eventually<T>(value: () => Promise<T>, test: (v: T) => boolean, timeoutMs = 30_000, repo?: string): Promise<T> {
  return poll(value, test, repo === undefined ? { timeoutMs, intervalMs: 200 } : { timeoutMs, intervalMs: 40, changes: () => gitDirState(repo) });
}

const commonDirs = new Map<string, string>();

/**
 * A fingerprint of what binding changes in a repository: HEAD, the refs (notes included), and every
 * file of the aisess store (ledgers, pending marks, journals, binder markers). Stats only, no process.
 */
export function gitDirState(repo: string): string {
  let dir = commonDirs.get(repo);
  if (dir === undefined) {
    dir = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repo, encoding: 'utf8' }).trim();
    commonDirs.set(repo, dir);
  }
  const parts: string[] = [];
  const add = (path: string, depth: number): void => {
    let st;
    try {
      st = statSync(path);
    } catch {
      return;
    }
    parts.push(`${path}:${st.mtimeMs}:${st.size}`);
    if (st.isDirectory() && depth > 0) for (const name of readdirSync(path).sort()) add(join(path, name), depth - 1);
  };
  for (const f of ['HEAD', 'packed-refs', 'logs/HEAD']) add(join(dir, f), 0);
  add(join(dir, 'refs'), 6);
  add(join(dir, 'worktrees'), 2);
  add(join(dir, 'aisess'), 4);
  return parts.join('\n');
}

/**
 * The note on rev as plain `git notes` prints it, once it holds at least `records` records (a
 * binder writes it in the background); throws at the deadline.
 */
export async function noteText(sb: Pick<Sandbox, 'env'>, cwd: string, rev: string, records = 1, timeoutMs = 30_000): Promise<string> {
  const read = async () => {
    const r = await run('git', ['notes', '--ref=aisess', 'show', rev], cwd, sb.env);
    const count = r.status === 0 ? r.stdout.split('\n').filter((l) => l.startsWith('# aisess ')).length : 0;
    return count >= records ? r.stdout : undefined;
  };
  return waitFor(read, `a note with ${records} record(s) on ${rev}`, { timeoutMs, intervalMs: 40, changes: () => gitDirState(cwd) });
}

/**
 * The warm binder serving the repository (src/bind/warm.ts): its pid, once its pid file is there.
 * Killed when the test file ends (a test may have set it to stay ten minutes).
 */
export async function warmBinder(repo: string): Promise<number> {
  const pidFile = join(repo, '.git', 'aisess', 'warm', 'pid');
  await waitFor(() => existsSync(pidFile), 'a warm binder', 30_000);
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  onCleanup(() => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }, true);
  return pid;
}

/** The lines of the store's hook.log that hold `text`, once there is one (a binder logs after its note is written). */
export function hookLogLines(repo: string, text: string): Promise<string[]> {
  const log = join(repo, '.git', 'aisess', 'hook.log');
  const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l.includes(text)) : []);
  return waitFor(() => (lines().length ? lines() : null), `hook.log lines with ${text}`, 30_000);
}

/** What runs first (agents, processes), then the rest (their files); each in the reverse order of registering. */
const cleanups: { first: (() => void)[]; rest: (() => void)[] } = { first: [], rest: [] };
/**
 * Registered when this module loads, so on the file's root: an `after` called inside a running test
 * belongs to that test, which left every later test's sandboxes and repositories behind. One that
 * fails does not keep the others from running.
 */
after(() => {
  for (const c of [...cleanups.first.splice(0).reverse(), ...cleanups.rest.splice(0).reverse()]) {
    try {
      c();
    } catch (err) {
      console.error('cleanup failed:', err);
    }
  }
});

/** Runs fn when the test file ends (`first`: before the files go, as a running agent must). */
export function onCleanup(fn: () => void, first = false): void {
  (first ? cleanups.first : cleanups.rest).push(fn);
}

/**
 * A sandbox and a scenario repository (with this tree committed), both removed when the test file
 * ends. Its commits meet a warm binder, as a user's do by default (the suite's git config has none;
 * 5 s, not 10 minutes, so hundreds of repositories keep a few).
 */
export function setup(tree?: Record<string, string>): { sb: Sandbox; repo: string } {
  const sb = sandbox();
  const repo = scenarioRepo(tree);
  git(repo.path, ['config', 'aisess.warmBinder', '5s']);
  onCleanup(sb.cleanup);
  onCleanup(repo.cleanup);
  return { sb, repo: repo.path };
}

/** `aisess status --json` as printed (sessions with nothing waiting but recently settled changes included). */
export async function statusReport(sb: Sandbox, cwd: string): Promise<{ sessions: (PendingEntry & { settled: { segment: number; path: string; reason: string }[] })[]; failures: unknown[] }> {
  const r = await cli(sb, cwd, ['status', '--json']);
  if (r.status !== 0) throw new Error(`aisess status: ${r.status} ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** `aisess run -- <argv>`: a terminal-only session (no agent transcript), in a pty, in cwd. */
export function runProgram(sb: Sandbox, cwd: string, argv: string[]): OuterTerminal {
  return cliInTerminal(['run', '--', ...argv], { cwd, env: sb.env });
}

/** `sh -c script` with the sandbox's environment, as the user in another terminal; throws on failure. */
export async function shell(sb: Sandbox, cwd: string, script: string): Promise<string> {
  const r = await run('sh', ['-c', script], cwd, sb.env);
  if (r.status !== 0) throw new Error(`sh -c ${JSON.stringify(script)} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout.trimEnd();
}

/** The records on a commit as `aisess show --json` prints them (empty when it carries none). */
export async function shownSegments(sb: Sandbox, cwd: string, rev: string): Promise<{ id: string; title: string; paths: { path: string; bound: string }[]; text: string }[]> {
  const r = await cli(sb, cwd, ['show', rev, '--json']);
  if (r.status === 1 && /carries no aisess segments/.test(r.stderr)) return [];
  if (r.status !== 0) throw new Error(`aisess show ${rev}: ${r.status} ${r.stderr}`);
  return (JSON.parse(r.stdout) as { segments: { id: string; title: string; paths: { path: string; bound: string }[]; text: string }[] }).segments;
}
