/** A session as the binder needs it: header, segments, baseline, and whether it may still change. */
import type { JournalHeader } from '../journal/events.js';
import { readJournal } from '../journal/reader.js';
import { metaPath, readMeta } from '../store/meta.js';
import { isOwnerAlive } from '../store/owner.js';
import { journalPath } from '../store/sessions.js';
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

/** null when the session's metadata or journal is gone (nothing left to bind from). */
export async function loadSession(storeDir: string, id: string, cut: CutRule = defaultCut): Promise<LoadedSession | null> {
  const meta = await readMeta(metaPath(storeDir, id));
  if (!meta) return null;
  let journal;
  try {
    journal = await readJournal(journalPath({ dir: storeDir }, meta));
  } catch {
    return null;
  }
  const live = !journal.complete && meta.status === 'running' && (await isOwnerAlive(meta.owner));
  return {
    header: journal.header,
    // Another session in the same working tree sees our changes too: keep only what our agent made.
    segments: segmentSession(attributeChanges(journal.events), cut),
    baseline: baselineOf(journal.events),
    live,
  };
}
