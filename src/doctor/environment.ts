/** What aisess needs from the machine: git new enough, its native modules loadable, the output relay built. */
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGitRunner } from '../git/runner.js';
import { gitVersionEnough, gitVersionText, MIN_GIT_VERSION, parseGitVersion } from '../git/version.js';
import { quoteArg } from '../text/shell-quote.js';
import { type Check, ok, problem, warning } from './check.js';

export async function gitCheck(cwd: string): Promise<{ check: Check; usable: boolean }> {
  let text: string;
  try {
    text = await gitVersionText(createGitRunner(cwd));
  } catch (err) {
    return { check: problem('git', `git cannot be run: ${(err as Error).message}`, `install git ${MIN_GIT_VERSION} or newer (e.g. sudo apt-get install git)`), usable: false };
  }
  const version = parseGitVersion(text);
  const data = { version: version?.join('.') ?? null, minimum: MIN_GIT_VERSION, output: text };
  if (version === null) return { check: warning('git', `git says '${text}': its version is not recognised (aisess needs ${MIN_GIT_VERSION} or newer)`, undefined, data), usable: true };
  if (!gitVersionEnough(version)) {
    return { check: problem('git', `git ${version.join('.')} is older than ${MIN_GIT_VERSION}, which aisess needs`, `install git ${MIN_GIT_VERSION} or newer (e.g. sudo apt-get install git)`, data), usable: false };
  }
  return { check: ok('git', `git ${version.join('.')} (aisess needs ${MIN_GIT_VERSION} or newer)`, data), usable: true };
}

/** The installed aisess: the folder with its package.json, where `npm rebuild` must run. */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

type Loader = (name: string) => unknown;

const NATIVE = ['node-pty', 'zstd-napi'] as const;

/**
 * node-pty runs the agent in a terminal, zstd-napi compresses journals and notes: both are built
 * for one Node ABI, and a Node upgrade or a copied install leaves them unloadable.
 */
export function nativeCheck(load: Loader = createRequire(import.meta.url), root: string = packageRoot()): Check {
  const failed: { name: string; error: string }[] = [];
  for (const name of NATIVE) {
    try {
      exercise(name, load(name));
    } catch (err) {
      failed.push({ name, error: (err as Error).message.split('\n')[0] ?? '' });
    }
  }
  if (failed.length === 0) return ok('native', `${NATIVE.join(' and ')} load (node ${process.versions.node})`, { modules: [...NATIVE], node: process.versions.node });
  const what = failed.map((f) => `${f.name}: ${f.error}`).join('; ');
  return problem('native', `cannot load ${what}`, `cd ${quoteArg(root)} && npm rebuild ${failed.map((f) => f.name).join(' ')} (or run ./install.sh there again)`, { failed, node: process.versions.node });
}

/** Loading is not enough for zstd: a binding built for another ABI can load and fail on first use. */
function exercise(name: string, mod: unknown): void {
  if (name !== 'zstd-napi') return;
  const z = mod as { compress(b: Uint8Array): Buffer; decompress(b: Uint8Array): Buffer };
  if (z.decompress(z.compress(Buffer.from('aisess'))).toString() !== 'aisess') throw new Error('compress/decompress round trip failed');
}

/** aisess-relay copies the agent's output to the terminal; without it aisess relays in JavaScript, slower. */
export function relayCheck(relay: string | undefined, root: string = packageRoot()): Check {
  if (relay !== undefined) {
    try {
      accessSync(relay, constants.X_OK);
      return ok('relay', `aisess-relay at ${relay}`, { path: relay });
    } catch {}
  }
  return warning('relay', 'aisess-relay is not built: aisess copies the agent\'s output in JavaScript, more slowly under floods', `cd ${quoteArg(root)} && npm run build`, { path: null });
}
