/** What is pending in a repository and why: for `aisess status`. */
import type { Repo } from '../git/repo.js';
import { expired, pendingChanges } from '../segment/pending.js';
import { pendingExpiry } from './binder.js';
import { listPending } from './pending-file.js';
import { loadSession } from './session-source.js';

export interface PendingSegment {
  index: number;
  /** Paths changed by the segment that no commit has taken yet. */
  paths: { path: string; blob: string | null }[];
  /** Unix epoch milliseconds of the segment's end, and when it stops waiting. */
  changedAt: number;
  expiresAt: number | null;
  ageMs: number;
}

export interface PendingSession {
  session: string;
  agent: string | null;
  live: boolean;
  worktree: string | null;
  segments: PendingSegment[];
  /** Why the file exists but nothing is listed (journal gone, live and not yet flushed). */
  note?: string;
}

export async function pendingReport(repo: Repo, storeDir: string, now: number = Date.now()): Promise<PendingSession[]> {
  const expiry = await pendingExpiry(repo);
  const out: PendingSession[] = [];
  for (const file of await listPending(storeDir)) {
    const session = await loadSession(storeDir, file.session);
    if (!session) {
      out.push({ session: file.session, agent: null, live: false, worktree: file.worktree, segments: [], note: 'journal missing: removed at the next commit' });
      continue;
    }
    const startedAt = session.header.aisess.startedAt;
    // What expired waits no more: the next bind settles it, so it is not listed as pending now.
    const all = pendingChanges(session.segments, file.ledger);
    const gone = new Set(expired(session.segments, all, startedAt, now, expiry).map((e) => `${e.segment}\0${e.path}`));
    const waiting = all.filter((p) => !gone.has(`${p.segment}\0${p.path}`));
    const segments: PendingSegment[] = [];
    for (const seg of session.segments) {
      const paths = waiting.filter((p) => p.segment === seg.index).map((p) => ({ path: p.path, blob: p.blob }));
      if (paths.length === 0) continue;
      const changedAt = startedAt + Math.round(seg.end * 1000);
      segments.push({ index: seg.index, paths, changedAt, ageMs: now - changedAt, expiresAt: Number.isFinite(expiry) ? changedAt + expiry : null });
    }
    const note = segments.length
      ? undefined
      : session.live
        ? 'session running: no change waiting yet'
        : gone.size
          ? `${gone.size} change${gone.size === 1 ? '' : 's'} expired (aisess.pendingExpiry): removed at the next commit`
          : 'nothing waiting: removed at the next commit';
    out.push({ session: file.session, agent: session.header.aisess.agent, live: session.live, worktree: file.worktree, segments, ...(note ? { note } : {}) });
  }
  return out;
}
