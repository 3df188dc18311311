/**
 * The hooks that bind commits made after a session ends: installed where git runs hooks from
 * (core.hooksPath, local or global, may point elsewhere), this install's version, and whether
 * `aisess run` would install them (aisess.autoInit, turned off by `aisess init --undo`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { autoInitOffScope } from '../config/aisess-config.js';
import type { Repo } from '../git/repo.js';
import { readManifest, storeDirOf } from '../hooks/init.js';
import { hooksCurrent, hooksDir, hooksInWorkTree, installedHooks, type Runtime } from '../hooks/install.js';
import { HOOK_NAMES } from '../hooks/script.js';
import { type Check, ok, problem, warning } from './check.js';

/** Where the setting comes from, as people say it. */
function scopeText(scope: string): string {
  return scope === 'local' || scope === 'worktree' ? "this repository's config" : scope === 'global' ? 'your global config' : scope === 'system' ? 'the system config' : `the ${scope} config`;
}

export async function autoInitCheck(repo: Repo): Promise<{ check: Check; off: boolean }> {
  const scope = await autoInitOffScope(repo.git);
  if (scope === null) return { check: ok('auto-init', 'aisess.autoInit is on: `aisess run` installs the hooks when they are missing', { autoInit: true }), off: false };
  const undo = scope === 'local' ? ' (as `aisess init --undo` leaves it)' : '';
  const message = `aisess.autoInit is false in ${scopeText(scope)}${undo}: \`aisess run\` does not install the hooks in this repository`;
  return { check: warning('auto-init', message, 'aisess init', { autoInit: false, scope }), off: true };
}

/** The hooks a user chained by hand in a hooks directory aisess may not write (the line `aisess init` prints). */
async function chainedByHand(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, 'post-commit'), 'utf8').catch(() => '');
  return /\baisess\b|main\.js/.test(text) && text.includes(' hook post-commit');
}

export async function hooksCheck(repo: Repo, runtimes: readonly Runtime[], autoInitOff: boolean): Promise<Check> {
  const dir = await hooksDir(repo);
  const data: Record<string, unknown> = { dir };
  if (await hooksInWorkTree(repo, dir)) {
    if (await chainedByHand(dir)) return ok('hooks', `core.hooksPath ${dir} is in the working tree, and its post-commit hook calls aisess`, { ...data, installed: [], chained: true });
    return warning('hooks', `core.hooksPath ${dir} is inside the working tree, where aisess installs no hooks: a commit made after a session is bound only by the next session or \`aisess status\``,
      `aisess init (prints the line to add to ${join(dir, 'post-commit')})`, { ...data, installed: [], chained: false });
  }
  const present = await installedHooks(dir);
  data.installed = present;
  const missing = HOOK_NAMES.filter((h) => !present.includes(h));
  if (missing.length === 0) {
    const current = (await Promise.all(runtimes.map((r) => hooksCurrent(dir, r)))).some(Boolean);
    if (current) return ok('hooks', `${HOOK_NAMES.join(', ')} installed in ${dir}`, data);
    return warning('hooks', `the hooks in ${dir} were written by another aisess version or install: they may run an aisess that is gone`, 'aisess init', data);
  }
  if (present.length > 0) return problem('hooks', `${missing.join(' and ')} missing from ${dir} (${present.join(', ')} in place)`, 'aisess init', data);
  const initialised = (await readManifest(storeDirOf(repo))) !== null;
  if (autoInitOff) return warning('hooks', `no aisess hooks in ${dir}, and aisess.autoInit is false: commits made after a session are bound only by the next session or \`aisess status\``, 'aisess init', data);
  if (!initialised) return warning('hooks', `no aisess hooks in ${dir} yet: the first \`aisess run\` here installs them`, 'aisess init', data);
  return problem('hooks', `no aisess hooks in ${dir}, where git runs hooks: commits made after a session wait for the next session or \`aisess status\``, 'aisess init', data);
}

/** core.hooksPath's value and which config sets it (null: unset). */
async function hooksPathSetting(repo: Repo): Promise<{ value: string; scope: string; file: string | null } | null> {
  const out = await repo.git.run(['config', '-z', '--show-origin', '--show-scope', '--get', 'core.hooksPath'], { okCodes: [1] });
  if (out.exitCode === 1) return null;
  const [scope = 'unknown', origin = '', value = ''] = out.stdout.split('\0');
  return { value, scope, file: origin.startsWith('file:') ? origin.slice('file:'.length) : null };
}

/**
 * Hooks aisess installed where git no longer looks: core.hooksPath set (often globally, by a hook
 * manager) after `aisess init`, so git runs another directory and aisess's hooks never fire.
 */
export async function hooksPathCheck(repo: Repo): Promise<Check> {
  const dir = await hooksDir(repo);
  const setting = await hooksPathSetting(repo);
  const manifest = await readManifest(storeDirOf(repo));
  const defaultDir = join(repo.commonDir, 'hooks');
  const candidates = manifest ? [manifest.hooksDir] : [defaultDir];
  const hidden: string[] = [];
  for (const other of candidates) if (other !== dir && (await installedHooks(other)).length > 0) hidden.push(other);
  const data = { hooksPath: setting?.value ?? null, scope: setting?.scope ?? null, file: setting?.file ?? null, dir, hidden };
  const where = setting ? `core.hooksPath from ${scopeText(setting.scope)}${setting.file ? ` (${setting.file})` : ''}` : '';
  if (hidden.length > 0) {
    const why = setting ? `${where} makes git run hooks from ${dir}` : `git runs hooks from ${dir}`;
    return problem('hooks-path', `${why}, not from ${hidden.join(', ')} where aisess's hooks are: they never run`, 'aisess init', data);
  }
  if (setting) return ok('hooks-path', `${where} is ${setting.value}: git runs hooks from ${dir}`, data);
  return ok('hooks-path', `core.hooksPath is not set: git runs hooks from ${dir}`, data);
}
