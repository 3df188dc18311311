/**
 * Finds the agent's executable on PATH like a shell would, except that aisess itself never counts:
 * a user's `claude` shim that runs `aisess run claude` must not make aisess run itself forever.
 */
import { accessSync, closeSync, constants, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export interface ResolveOptions {
  /** The PATH value to search. */
  path: string;
  cwd: string;
  /** Real paths of aisess's own entry files (bin, built main). */
  selfPaths: string[];
}

/** A script that hands over to `aisess run` (a shim a user or an installer wrote). */
const SHIM_PATTERN = /\baisess(?:\.js)?["']?\s+run\b|AISESS_SHIM/;
const SHIM_MAX_BYTES = 8192;

/** The absolute path to run, or undefined when no executable by that name is found. */
export function resolveAgent(name: string, opts: ResolveOptions): string | undefined {
  if (name === '') return undefined;
  if (name.includes('/')) {
    const file = isAbsolute(name) ? name : resolve(opts.cwd, name);
    return isExecutableFile(file) ? file : undefined;
  }
  const self = new Set(opts.selfPaths.map(realOrSame));
  for (const dir of opts.path.split(delimiter)) {
    // An empty PATH entry means the current directory (POSIX).
    const file = join(dir === '' ? opts.cwd : resolve(opts.cwd, dir), name);
    if (!isExecutableFile(file)) continue;
    if (self.has(realOrSame(file)) || isAisessShim(file)) continue;
    return file;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function realOrSame(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** Only small scripts are read: a native binary or a big bundle is never a shim. */
export function isAisessShim(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(SHIM_MAX_BYTES);
    const n = readSync(fd, buf, 0, SHIM_MAX_BYTES, 0);
    if (n === SHIM_MAX_BYTES || buf.subarray(0, 2).toString() !== '#!') return false;
    return SHIM_PATTERN.test(buf.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
