/**
 * A session as the binder, status, attach and `show --unredacted` see it: its journal cut into
 * segments by the one segmenter, with the segments its ledger froze taken as they are.
 */
import type { JournalEvent, JournalHeader } from '../journal/events.js';
import { readJournal } from '../journal/reader.js';
import { inspectMeta, metaPath } from '../store/meta.js';
import { isOwnerAlive } from '../store/owner.js';
import { journalPath } from '../store/sessions.js';
import { TRANSCRIPT_POLL_MS } from '../agents/follow.js';
import type { Ledger } from '../segment/ledger.js';
import { segmentSession } from '../segment/segmenter.js';
import type { Segment } from '../segment/types.js';
import { migrateV1, readLedger } from './ledger-file.js';

export interface LoadedSession {
  id: string;
  header: JournalHeader;
  events: JournalEvent[];
  segments: Segment[];
  /** What each path held at the start, for paths already dirty then. */
  baseline: Map<string, string | null>;
  /** The size of its worktree's HEAD reflog when it started (older journals do not say). */
  headLog?: number;
  ledger: Ledger;
  /** The recorder still runs: more changes may come. */
  live: boolean;
}

export type SessionLoad =
  | { ok: true; session: LoadedSession }
  /** missing: the session's metadata is gone (deleted); otherwise it could not be read, and why. */
  | { ok: false; missing: boolean; reason: string };

/**
 * How far behind our clock a live session's journal may lag on its transcript: the tail's poll
 * plus the journal's flush (at least every second) plus slack for a loaded machine.
 */
const TRANSCRIPT_LAG_MS = TRANSCRIPT_POLL_MS + 1000 + 250;

/**
 * `transcriptAt`: when the caller knows the journal holds the transcript as read up to then (epoch
 * ms: aisess run's binder flushes the journal right before it binds); otherwise a lag is assumed.
 */
export async function loadSession(storeDir: string, id: string, now: number = Date.now(), transcriptAt?: number): Promise<SessionLoad> {
  const found = await inspectMeta(metaPath(storeDir, id));
  if (!found) return { ok: false, missing: true, reason: `session ${id} has no metadata in ${storeDir}` };
  // Damaged is not gone: what it waits for stays until it is repaired (or its session deleted).
  if ('problem' in found) return { ok: false, missing: false, reason: `its metadata cannot be read: ${found.problem}` };
  const { meta } = found;
  let journal;
  try {
    journal = await readJournal(journalPath({ dir: storeDir }, meta));
  } catch (err) {
    return { ok: false, missing: false, reason: (err as Error).message };
  }
  const read = await readLedger(storeDir, id);
  if ('damaged' in read) return { ok: false, missing: false, reason: `its ledger cannot be read: ${read.damaged}` };
  const live = !journal.complete && meta.status === 'running' && (await isOwnerAlive(meta.owner));
  const startedAtMs = journal.header.aisess.startedAt;
  // A finished session's follower drained the transcript before the journal closed.
  const readAt = transcriptAt !== undefined ? transcriptAt - TRANSCRIPT_POLL_MS - 250 : now - TRANSCRIPT_LAG_MS;
  const transcriptReadTo = live ? (readAt - startedAtMs) / 1000 : Infinity;
  const cut = segmentSession(journal.events, { startedAtMs, transcriptReadTo, frozen: read.ledger.frozen });
  const ledger = read.found ? read.ledger : await migrateV1(storeDir, id, cut.segments, read.ledger, now);
  return {
    ok: true,
    session: {
      id, header: journal.header, events: journal.events, segments: cut.segments, baseline: cut.baseline, ledger, live,
      ...(cut.headLog !== undefined && { headLog: cut.headLog }),
    },
  };
}
