import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const above = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The repository; tests compiled by scripts/build-tests.mjs run from .build/tests/ inside it. */
export const repoRoot = basename(dirname(above)) === '.build' ? resolve(above, '../..') : above;
export const fixturesDir = join(repoRoot, 'fixtures');

/**
 * The built CLI entry. `npm test` builds into dist/; a developer can build elsewhere
 * (`npx tsup --out-dir dist-mine`) and point AISESS_DIST at it to keep parallel work apart.
 */
export function cliEntry(): string {
  const dist = process.env.AISESS_DIST ? resolve(repoRoot, process.env.AISESS_DIST) : join(repoRoot, 'dist');
  const entry = join(dist, 'main.js');
  if (!existsSync(entry)) throw new Error(`built CLI not found at ${entry}: run \`npm run build\` first`);
  return entry;
}

/** argv to run the built CLI with node: [node, entry, ...args]. */
export function cliArgv(args: string[]): [string, string[]] {
  return [process.execPath, [cliEntry(), ...args]];
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI without a terminal and returns what it printed. */
export function runCli(args: string[], opts: SpawnSyncOptions = {}): CliResult {
  const [file, argv] = cliArgv(args);
  const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000, ...opts });
  return { status: r.status, signal: r.signal, stdout: String(r.stdout), stderr: String(r.stderr) };
}
