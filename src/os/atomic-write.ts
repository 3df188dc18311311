/**
 * Files written aside and renamed into place: a reader (another aisess, git running a hook) never
 * sees one empty or half-written, and a crash leaves the old one whole.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: { mode?: number } = {}): Promise<void> {
  // Random, not the pid: two binders of one process may write the same file at once.
  const temp = `${path}.aisess-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data);
    if (opts.mode !== undefined) await chmod(temp, opts.mode);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}

/** One JSON value on one line; the directory is made when missing. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(value)}\n`);
}
