import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * mkdir -p that reports the real cause: Node's recursive mkdir says ENOENT on a read-only file
 * system, where the user needs to read EROFS (or EACCES) to know what to fix.
 */
export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw err;
    await ensureDir(dirname(dir));
    await mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}
