/**
 * Installs a pinned real client from npm into a cache outside the repository, once:
 * `~/.cache/aisess-real/<name>@<version>/` (or $AISESS_REAL_CACHE). A finished install leaves a
 * `.done` marker, so a half-written one is redone rather than trusted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Client = 'claude' | 'codex';

export const pinned: Record<Client, { pkg: string; version: string }> = {
  claude: { pkg: '@anthropic-ai/claude-code', version: '2.1.197' },
  codex: { pkg: '@openai/codex', version: '0.169.0' },
};

export function cacheRoot(): string {
  return process.env.AISESS_REAL_CACHE ?? join(homedir(), '.cache', 'aisess-real');
}

/** The bin directory holding `claude` or `codex` for that version, installing it on first use. */
export function installClient(client: Client, version = pinned[client].version): string {
  const { pkg } = pinned[client];
  const dir = join(cacheRoot(), `${pkg.replace('/', '+')}@${version}`);
  const bin = join(dir, 'node_modules', '.bin');
  if (existsSync(join(dir, '.done'))) return bin;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--cache', join(cacheRoot(), '.npm-cache'), `${pkg}@${version}`], {
    cwd: dir, encoding: 'utf8', timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`npm install ${pkg}@${version} failed (${r.status}): ${r.stderr}`);
  if (!existsSync(join(bin, client))) throw new Error(`npm install ${pkg}@${version} left no ${client} in ${bin}`);
  writeFileSync(join(dir, '.done'), `${new Date().toISOString()}\n`);
  return bin;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [client, version] = process.argv.slice(2) as [Client, string | undefined];
  console.log(installClient(client, version));
}
