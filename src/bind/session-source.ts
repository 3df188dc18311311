/** A session as the binder needs it: header, segments, baseline, and whether it may still change. */
import type { JournalHeader } from '../journal/events.js';
import { readJournal } from '../journal/reader.js';
import { metaPath, readMeta } from '../store/meta.js';
import { isOwnerAlive } from '../store/owner.js';
import { journalPath } from '../store/sessions.js';
import { TRANSCRIPT_POLL_MS } from '../agents/follow.js';
import { attributeChanges } from '../segment/attribution.js';
import { defaultCut, type CutRule } from '../segment/cut.js';
import { baselineOf, segmentSession } from '../segment/segmenter.js';
import type { Segment } from '../segment/types.js';

export interface LoadedSession {
  header: JournalHeader;
  segments: Segment[];
  baseline: Map<string, string | null>;
  /** The recorder still runs: more changes may come, so its pending file stays. */
  live: boolean;
}

/**
 * How far behind our clock a live session's journal may lag on its transcript: the tail's poll
 * plus the journal's flush (at least every second) plus slack for a loaded machine.
 */
const TRANSCRIPT_LAG_MS = TRANSCRIPT_POLL_MS + 1000 + 250;

/** null when the session's metadata or journal is gone (nothing left to bind from). */
export async function loadSession(storeDir: string, id: string, cut: CutRule = defaultCut, now: number = Date.now()): Promise<LoadedSession | null> {
  const meta = await readMeta(metaPath(storeDir, id));
  if (!meta) return null;
  let journal;
  try {
    journal = await readJournal(journalPath({ dir: storeDir }, meta));
  } catch {
    return null;
  }
  const live = !journal.complete && meta.status === 'running' && (await isOwnerAlive(meta.owner));
  // A finished session's follower drained the transcript before the journal closed.
  const transcriptReadTo = live ? (now - TRANSCRIPT_LAG_MS - journal.header.aisess.startedAt) / 1000 : Infinity;
  return {
    header: journal.header,
    // Another session in the same working tree sees our changes too: keep only what our agent made.
    segments: segmentSession(attributeChanges(journal.events, { transcriptReadTo }), cut),
    baseline: baselineOf(journal.events),
    live,
  };
}
