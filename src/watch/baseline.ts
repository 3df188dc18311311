/**
 * The start snapshot runs after the agent is spawned (so start-up stays fast), and a quick agent
 * (a prompt given on the command line, `codex exec`) may already have written a file by then: git
 * status alone would file that as "dirty before the session". A file modified at or after the
 * agent was spawned is the session's change; the rest, and deletions (no mtime to ask), are baseline.
 */
import { statPath } from './blobs.js';
import type { WorktreeChange } from './scan.js';

export interface SplitSnapshot {
  baseline: WorktreeChange[];
  /** Changes made since startedAtMs, with their mtime: journal them as the session's own, when they happened. */
  changed: WorktreeChange[];
}

/** File times come from the kernel's coarse clock (a tick, up to 10 ms, behind the time of day). */
const COARSE_CLOCK_MS = 20;

export async function splitSnapshot(root: string, snapshot: readonly WorktreeChange[], spawnedAtMs: number): Promise<SplitSnapshot> {
  const stats = await Promise.all(snapshot.map((c) => (c.blob === null ? null : statPath(root, c.path))));
  const out: SplitSnapshot = { baseline: [], changed: [] };
  snapshot.forEach((c, i) => {
    const stat = stats[i];
    if (stat && stat.mtimeMs >= spawnedAtMs - COARSE_CLOCK_MS) out.changed.push({ ...c, mtime: c.mtime ?? stat.mtimeMs });
    else out.baseline.push(c);
  });
  return out;
}
