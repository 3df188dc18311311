/** What is pending in a repository and why, what stopped waiting without a commit, what failed: for `aisess status`. */
import { readAisessConfig } from '../config/aisess-config.js';
import type { Repo } from '../git/repo.js';
import { coveringCommits, expiredKeys, pendingChanges } from '../segment/pending.js';
import type { SettleReason } from '../segment/ledger.js';
import { readFailures, type BindFailure } from './failures.js';
import { liveCommits } from './liveness.js';
import { listPending, startingUp } from './pending-file.js';
import { loadSession } from './session-source.js';

export interface PendingSegment {
  index: number;
  /** Paths changed by the segment whose change no commit holds yet (lines: how much of it still waits). */
  paths: { path: string; blob: string | null; lines: { waiting: number; of: number } | null }[];
  /** Unix epoch milliseconds of the segment's end, and when it stops waiting. */
  changedAt: number;
  expiresAt: number | null;
  ageMs: number;
}

export interface SettledChange {
  segment: number;
  path: string;
  reason: SettleReason;
  /** Unix epoch milliseconds. */
  at: number;
}

export interface PendingSession {
  session: string;
  agent: string | null;
  live: boolean;
  worktree: string | null;
  segments: PendingSegment[];
  /** Changes that stopped waiting without a commit in the last week, and why. */
  settled: SettledChange[];
  /** Why nothing is listed, or why the session cannot be read. */
  note?: string;
}

export interface StatusReport {
  sessions: PendingSession[];
  failures: BindFailure[];
}

const SHOW_SETTLED_MS = 7 * 24 * 60 * 60 * 1000;

export async function pendingReport(repo: Repo, storeDir: string, now: number = Date.now()): Promise<StatusReport> {
  const expiry = (await readAisessConfig(repo.git)).config.pendingExpiryMs;
  const sessions: PendingSession[] = [];
  for (const file of await listPending(storeDir)) {
    const load = await loadSession(storeDir, file.session, now);
    if (!load.ok) {
      if (load.missing && startingUp(file, now)) continue;
      const note = load.missing ? 'recording deleted: nothing left to bind' : `cannot be read: ${load.reason}`;
      sessions.push({ session: file.session, agent: null, live: false, worktree: file.worktree, segments: [], settled: [], note });
      continue;
    }
    const s = load.session;
    const startedAt = s.header.aisess.startedAt;
    const live = await liveCommits(repo, coveringCommits(s.ledger)).catch(() => () => true);
    const all = pendingChanges(s.segments, s.ledger, live);
    // What expired waits no more: the next bind settles it, so it is not listed as waiting now.
    const gone = new Set(expiredKeys(s.segments, all, startedAt, now, expiry));
    const segments: PendingSegment[] = [];
    for (const seg of s.segments) {
      const paths = all.filter((p) => p.segment === seg.index && !gone.has(p.change.key)).map((p) => ({ path: p.change.path, blob: p.change.blob, lines: p.lines }));
      if (paths.length === 0) continue;
      const changedAt = startedAt + Math.round(seg.end * 1000);
      segments.push({ index: seg.index, paths, changedAt, ageMs: now - changedAt, expiresAt: Number.isFinite(expiry) ? changedAt + expiry : null });
    }
    const settled = settledChanges(s.segments, s.ledger.settled, now);
    for (const key of gone) settled.push({ ...whereIs(s.segments, key), reason: 'expired', at: now });
    if (segments.length === 0 && settled.length === 0) continue;
    const note = segments.length ? undefined : s.live ? 'session running: no change waiting' : undefined;
    sessions.push({ session: s.id, agent: s.header.aisess.agent, live: s.live, worktree: file.worktree, segments, settled, ...(note && { note }) });
  }
  return { sessions, failures: await readFailures(storeDir) };
}

function settledChanges(segments: Parameters<typeof whereIs>[0], settled: Record<string, { reason: SettleReason; at: number }>, now: number): SettledChange[] {
  return Object.entries(settled)
    .filter(([, v]) => (v.reason === 'expired' || v.reason === 'discarded') && now - v.at < SHOW_SETTLED_MS)
    .map(([key, v]) => ({ ...whereIs(segments, key), reason: v.reason, at: v.at }));
}

function whereIs(segments: readonly { index: number; changes: readonly { key: string; path: string }[] }[], key: string): { segment: number; path: string } {
  for (const s of segments) for (const c of s.changes) if (c.key === key) return { segment: s.index, path: c.path };
  return { segment: -1, path: key.slice(key.indexOf(':') + 1) };
}
