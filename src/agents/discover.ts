/**
 * Finding a transcript by what happens after start: files are snapshotted (size, mtime) before the
 * agent is spawned, and later polls look for one that grew or appeared. Each candidate must be
 * claimed, so a concurrent aisess session in the same directory never takes the same one.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Claim } from './claims.js';
import type { Found } from './follow.js';

export interface FileSnap {
  size: number;
  mtimeMs: number;
}
export type Snapshot = Map<string, FileSnap>;

export function listJsonl(dir: string, prefix = ''): string[] {
  try {
    return readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith('.jsonl')).sort().map((n) => join(dir, n));
  } catch {
    return [];
  }
}

export function snapshot(files: string[]): Snapshot {
  const snap: Snapshot = new Map();
  for (const file of files) {
    const s = statOrNull(file);
    if (s) snap.set(file, s);
  }
  return snap;
}

export function statOrNull(file: string): FileSnap | null {
  try {
    const s = statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

/** The most recently written file of a snapshot, newest first. */
export function newestFirst(snap: Snapshot): string[] {
  return [...snap.entries()].sort((a, b) => b[1].mtimeMs - a[1].mtimeMs).map(([file]) => file);
}

export interface GrowOptions {
  files: string[];
  before: Snapshot;
  /** Extra check on a candidate (e.g. the rollout's cwd); undefined = not decidable yet. */
  accept?(file: string, from: number): Promise<boolean | undefined>;
  claim(file: string): Promise<Claim | null>;
}

/** The first file that grew past its snapshot or is new, accepted and claimed; from where to read. */
export async function firstGrown(o: GrowOptions): Promise<Found | undefined> {
  for (const file of o.files) {
    const now = statOrNull(file);
    const from = o.before.get(file)?.size ?? 0;
    if (!now || now.size <= from) continue;
    if (o.accept && (await o.accept(file, from)) !== true) continue;
    const claim = await o.claim(file);
    if (claim) return { file, offset: from, claim };
  }
  return undefined;
}
