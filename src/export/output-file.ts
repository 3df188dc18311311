/**
 * Writes an export to a file whole or not at all: written aside, then linked into place (which
 * fails when the name exists, so a file is never overwritten by accident) or, with force, renamed
 * over it.
 */
import { randomBytes } from 'node:crypto';
import { link, rename, unlink, writeFile } from 'node:fs/promises';
import { UserError } from '../errors/user-error.js';

export async function writeExportFile(path: string, data: string, force: boolean): Promise<void> {
  const temp = `${path}.aisess-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data, { flag: 'wx' });
    if (force) await rename(temp, path);
    else await link(temp, path);
  } catch (err) {
    throw explain(err, path);
  } finally {
    await unlink(temp).catch(() => {});
  }
}

function explain(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new UserError(`${path} exists`, { hint: 'give --force to overwrite it, or another -o FILE' });
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UserError(`cannot write ${path}: its directory does not exist`, { kind: 'notFound', cause: err });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'EROFS') {
    return new UserError(`cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
  return err;
}
