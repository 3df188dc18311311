/**
 * `aisess doctor` as a domain operation: every check in order, each to one Check. Nothing is
 * changed and no check can stop the others: one that throws is reported as a problem of its own.
 * Outside a repository only the install is checked (git, native modules, relay, agents, the store).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readAisessConfig, DEFAULT_NOTES_REF } from '../config/aisess-config.js';
import { openRepo, type Repo } from '../git/repo.js';
import { readManifest, storeDirOf } from '../hooks/init.js';
import { hooksDir, installedHooks, type Runtime } from '../hooks/install.js';
import { relayBinary } from '../pty/relay.js';
import { locateStore } from '../store/locate.js';
import { agentChecks } from './agents.js';
import { type Check, guarded, ok, problem, warning } from './check.js';
import { gitCheck, nativeCheck, relayCheck } from './environment.js';
import { autoInitCheck, hooksCheck, hooksPathCheck } from './hooks.js';
import { warmCheck } from './warm.js';
import { remotesCheck, rewriteChecks } from './notes.js';
import { hookLogCheck, pendingChecks, storeCheck } from './store.js';

export type { Check } from './check.js';

export interface DoctorOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The ways this aisess writes itself into hooks (`aisess init`'s and `aisess run`'s): either is current. */
  runtimes: readonly Runtime[];
  /** aisess's own entry files, never taken for an agent on PATH. */
  selfPaths: string[];
  now?: number;
  agentTimeoutMs?: number;
}

export interface DoctorReport {
  checks: Check[];
  problems: number;
  warnings: number;
}

export async function runDoctor(o: DoctorOptions): Promise<DoctorReport> {
  const now = o.now ?? Date.now();
  // The agents answer --version in their own time: asked first, awaited last.
  const agents = guarded('agents', () => agentChecks({ path: o.env.PATH ?? '', cwd: o.cwd, selfPaths: o.selfPaths, ...(o.agentTimeoutMs !== undefined && { timeoutMs: o.agentTimeoutMs }) }));
  const git = await gitCheck(o.cwd);
  const install = [git.check, nativeCheck(), relayCheck(relayBinary())];
  const repository = await guarded('repository', () => repositoryChecks(o.cwd, o.env, o.runtimes, now, git.usable));
  const checks = [...install, ...(await agents), ...repository];
  return { checks, problems: checks.filter((c) => c.level === 'problem').length, warnings: checks.filter((c) => c.level === 'warning').length };
}

async function repositoryChecks(cwd: string, env: NodeJS.ProcessEnv, runtimes: readonly Runtime[], now: number, gitUsable: boolean): Promise<Check[]> {
  if (!gitUsable) return [warning('repository', 'not checked: git is missing or too old (see the git line)')];
  const store = await locateStore(cwd, env);
  if (store.kind === 'state') {
    return [
      warning('repository', 'not inside a git repository: only the install was checked (run `aisess doctor` in a repository to check its hooks and notes)'),
      ...(await guarded('store', async () => [await storeCheck(store.dir)])),
    ];
  }
  if (store.kind === 'bare') return [warning('repository', 'a bare repository: aisess records in checkouts, so only the install was checked')];
  const repo = await openRepo(cwd);
  return [ok('repository', repo.workTree ?? repo.commonDir, { workTree: repo.workTree, commonDir: repo.commonDir }), ...(await inRepository(repo, runtimes, now))];
}

async function inRepository(repo: Repo, runtimes: readonly Runtime[], now: number): Promise<Check[]> {
  const dir = storeDirOf(repo);
  const { config, problems } = await readAisessConfig(repo.git);
  const checks: Check[] = problems.map((p) => problem('config', `git config ${p.key} is '${p.value}': expected ${p.expected}`, `git config --unset-all ${p.key}`, { ...p }));
  if (problems.length === 0) checks.push(ok('config', 'every aisess.* setting is readable'));
  const auto = await autoInitCheck(repo);
  checks.push(auto.check);
  checks.push(...(await guarded('hooks', async () => [await hooksCheck(repo, runtimes, auto.off)])));
  checks.push(...(await guarded('hooks-path', async () => [await hooksPathCheck(repo)])));
  const ref = problems.some((p) => p.key === 'aisess.notesRef') ? DEFAULT_NOTES_REF : config.notesRef;
  const initialised = (await readManifest(dir)) !== null;
  checks.push(...(await guarded('notes-rewrite', () => rewriteChecks(repo, ref, initialised))));
  checks.push(...(await guarded('notes-remotes', async () => [await remotesCheck(repo, ref)])));
  checks.push(...(await guarded('store', async () => [await storeCheck(dir)])));
  checks.push(...(await guarded('pending', () => pendingChecks(repo, dir, now), 'aisess status')));
  checks.push(...(await guarded('hook-log', async () => [await hookLogCheck(dir, now, await hooksWrittenAt(repo))])));
  checks.push(...(await guarded('warm-binder', async () => [await warmCheck(dir, config.warmBinderMs)])));
  return checks;
}

/** When our post-commit hook was last written (null: not ours, or absent). */
async function hooksWrittenAt(repo: Repo): Promise<number | null> {
  const dir = await hooksDir(repo);
  if (!(await installedHooks(dir)).includes('post-commit')) return null;
  return (await stat(join(dir, 'post-commit')).catch(() => null))?.mtimeMs ?? null;
}
