/**
 * The object directory where the watcher keeps the content of working-tree versions (a git object
 * directory of aisess's own, in the store, so nothing is written into the repository's objects).
 * The binder reads a change's lines from it (src/bind/contents.ts).
 */
import { join } from 'node:path';

/** Larger files are known by their blob id only; their changes bind as whole blobs. */
export const KEPT_BLOB_BYTES = 4 * 1024 * 1024;

export function blobsDir(storeDir: string): string {
  return join(storeDir, 'objects');
}
