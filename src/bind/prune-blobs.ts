/**
 * The watcher keeps the content of working-tree versions in the store's object directory so the
 * binder can read a change's lines (src/store/blobs-dir.ts). A version no change waits for any more
 * is of no use: at most once a day, objects older than the pending expiry (plus a day) are removed.
 * git freshens an object it is asked to write again, so content still in use is never old.
 */
import { readdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { blobsDir } from '../store/blobs-dir.js';

const DAY_MS = 86_400_000;

export async function pruneKeptBlobs(storeDir: string, expiryMs: number, now: number = Date.now()): Promise<number> {
  if (!Number.isFinite(expiryMs)) return 0;
  const dir = blobsDir(storeDir);
  const stamp = join(dir, '.pruned');
  const last = await stat(stamp).then((s) => s.mtimeMs, () => null);
  if (last === null && !(await stat(dir).then(() => true, () => false))) return 0;
  if (last !== null && now - last < DAY_MS) return 0;
  await writeFile(stamp, '').then(() => utimes(stamp, now / 1000, now / 1000)).catch(() => {});
  const cutoff = now - expiryMs - DAY_MS;
  let removed = 0;
  for (const fan of await readdir(dir).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(fan)) continue;
    for (const name of await readdir(join(dir, fan)).catch(() => [] as string[])) {
      const path = join(dir, fan, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < cutoff && (await unlink(path).then(() => true, () => false))) removed++;
    }
  }
  return removed;
}
