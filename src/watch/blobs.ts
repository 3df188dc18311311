/**
 * Content identity of working-tree files as git blob ids, computed in batches by git itself so
 * filters (autocrlf, clean filters such as LFS) give the same ids git would store.
 */
import { createHash } from 'node:crypto';
import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitRun } from './run-git.js';

export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  symlink: boolean;
}

/** lstat of a working-tree path, or null when it is gone (deleted between status and now). */
export async function statPath(root: string, path: string): Promise<FileStat | null> {
  try {
    const s = await lstat(join(root, path));
    if (s.isDirectory()) return null;
    return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino, symlink: s.isSymbolicLink() };
  } catch {
    return null;
  }
}

export function sameStat(a: FileStat, b: FileStat): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/**
 * Whether a file hashed after a stat of `before` may have been caught half-written (a write
 * truncates, then fills): stat again (`after`, null when gone) at `now`, it moved, vanished, or was
 * modified less than `quietMs` before.
 */
export function midWrite(before: FileStat, after: FileStat | null, now: number, quietMs: number): boolean {
  return !after || !sameStat(before, after) || now - after.mtimeMs < quietMs;
}

/** git stores a symlink as a blob of its target; hash-object would follow the link instead. */
async function symlinkBlob(root: string, path: string, algo: 'sha1' | 'sha256'): Promise<string | null> {
  try {
    const target = Buffer.from(await readlink(join(root, path)));
    return createHash(algo).update(`blob ${target.length}\0`).update(target).digest('hex');
  } catch {
    return null;
  }
}

/**
 * Where the content of working-tree versions is kept so the binder can read their lines later
 * (src/bind/contents.ts): a git object directory of aisess's own, never the repository's.
 * Files larger than this are known by their id only; their changes bind as whole blobs.
 */
export interface BlobKeeper {
  objectsDir: string;
  maxBytes: number;
}

/** --stdin-paths is newline-separated, so names holding a newline go through --stdin one by one. */
async function hashRegular(run: GitRun, paths: string[], keep?: BlobKeeper): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>();
  const plain = paths.filter((p) => !p.includes('\n'));
  const [args, env] = keep ? [['hash-object', '-w'], { GIT_OBJECT_DIRECTORY: keep.objectsDir }] : [['hash-object'], undefined];
  try {
    const ids = plain.length ? (await run([...args, '--stdin-paths'], plain.join('\n') + '\n', env)).split('\n') : [];
    plain.forEach((p, i) => result.set(p, ids[i] ?? null));
  } catch {
    // One vanished file fails the whole batch: fall back to one at a time, vanished = deleted.
    for (const p of plain) result.set(p, await hashOne(run, p, args, env));
  }
  for (const p of paths.filter((p) => p.includes('\n'))) result.set(p, await hashOne(run, p, args, env));
  return result;
}

async function hashOne(run: GitRun, path: string, args: string[], env?: Record<string, string>): Promise<string | null> {
  try {
    return (await run([...args, '--', path], undefined, env)).trim() || null;
  } catch {
    return null;
  }
}

/** The blob id of content the working tree held at `path` (its filters apply), kept when small enough; null if git fails. */
export async function hashBytes(run: GitRun, path: string, bytes: Uint8Array, keep?: BlobKeeper): Promise<string | null> {
  const [write, env] = keep && bytes.length <= keep.maxBytes ? [['-w'], { GIT_OBJECT_DIRECTORY: keep.objectsDir }] : [[], undefined];
  try {
    return (await run(['hash-object', ...write, `--path=${path}`, '--stdin'], bytes, env)).trim() || null;
  } catch {
    return null;
  }
}

/** The repository's hash: blob ids of symlinks are computed here, not by git. */
export async function objectFormat(run: GitRun): Promise<'sha1' | 'sha256'> {
  const format = await run(['rev-parse', '--show-object-format']).catch(() => 'sha1');
  return format.trim() === 'sha256' ? 'sha256' : 'sha1';
}

/** Blob ids of working-tree files; null for a path that no longer exists. */
export async function hashPaths(
  run: GitRun,
  root: string,
  items: { path: string; stat: FileStat }[],
  algo: 'sha1' | 'sha256',
  keep?: BlobKeeper,
): Promise<Map<string, string | null>> {
  const links = items.filter((i) => i.stat.symlink);
  const files = items.filter((i) => !i.stat.symlink);
  const kept = keep ? files.filter((i) => i.stat.size <= keep.maxBytes).map((i) => i.path) : [];
  const keptSet = new Set(kept);
  const result = await hashRegular(run, files.filter((i) => !keptSet.has(i.path)).map((i) => i.path));
  if (kept.length) for (const [p, id] of await hashRegular(run, kept, keep)) result.set(p, id);
  for (const l of links) result.set(l.path, await symlinkBlob(root, l.path, algo));
  return result;
}

/** Stage-0 index blobs of the given paths (absent paths are left out), argv kept bounded. */
export async function indexBlobs(run: GitRun, paths: string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (let i = 0; i < paths.length; i += 500) {
    const chunk = paths.slice(i, i + 500);
    const out = await run(['--literal-pathspecs', 'ls-files', '-s', '-z', '--', ...chunk]);
    for (const rec of out.split('\0')) {
      // "<mode> <oid> <stage>\t<path>"
      const tab = rec.indexOf('\t');
      if (tab < 0) continue;
      const [, oid, stage] = rec.slice(0, tab).split(' ');
      if (stage === '0' && oid) result.set(rec.slice(tab + 1), oid);
    }
  }
  return result;
}
