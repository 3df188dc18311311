/**
 * `aisess show --unredacted`: the same segments, rebuilt from the local journal instead of the note.
 * Notes are redacted before they reach git and can never give the secrets back; only the machine that
 * recorded the session still has them, in its journal (the record id names session and segment).
 */
import { UserError } from '../cli/errors.js';
import { renderScreenText } from '../compact/screen.js';
import { readJournal } from '../journal/reader.js';
import type { JournalEvent } from '../journal/events.js';
import { attributeChanges } from '../segment/attribution.js';
import { leadEvents, turnPrompt } from '../segment/lead.js';
import { segmentSession } from '../segment/segmenter.js';
import type { Segment } from '../segment/types.js';
import { readMeta, metaPath } from '../store/meta.js';
import { journalPath } from '../store/sessions.js';
import { firstPrompt } from './prompt.js';
import type { SegmentView } from './segment-view.js';

export async function unredactedViews(storeDir: string, views: readonly SegmentView[]): Promise<SegmentView[]> {
  const sessions = new Map<string, Segment[]>();
  const out: SegmentView[] = [];
  for (const view of views) {
    const [id, index] = splitRecordId(view);
    if (!sessions.has(id)) sessions.set(id, await loadSegments(storeDir, id));
    const segments = sessions.get(id)!;
    const segment = segments[index];
    if (!segment) throw gone(id, `its journal has no segment ${index}`);
    out.push(await rebuild(view, segment, leadEvents(segments, index)));
  }
  return out;
}

function splitRecordId(view: SegmentView): [string, number] {
  const colon = view.id.lastIndexOf(':');
  const index = Number(view.id.slice(colon + 1));
  if (colon < 0 || !Number.isInteger(index)) throw new UserError(`record ${view.id} does not name a recorded segment`, { code: 'badData' });
  return [view.id.slice(0, colon), index];
}

/** The same segmentation the binder used (src/bind/session-source.ts), so indexes match. */
async function loadSegments(storeDir: string, id: string): Promise<Segment[]> {
  const meta = await readMeta(metaPath(storeDir, id));
  if (!meta) throw gone(id, 'this machine has no recording of it');
  const journal = await readJournal(journalPath({ dir: storeDir }, meta)).catch((err: unknown) => {
    throw gone(id, `its journal cannot be read (${(err as Error).message})`);
  });
  return segmentSession(attributeChanges(journal.events));
}

async function rebuild(view: SegmentView, segment: Segment, lead: JournalEvent[]): Promise<SegmentView> {
  const events = segment.events.map((e): [number, string, string] => [e.time, e.code, e.data]);
  const screen = await renderScreenText(events, view.term);
  const title = turnPrompt(segment, lead) ?? firstPrompt(segment.events) ?? view.title;
  return { ...view, title, events, lead: lead.map((e) => [e.time, e.code, e.data]), screen: screen.text, dropped: null };
}

function gone(session: string, why: string): UserError {
  return new UserError(`cannot show session ${session} unredacted: ${why}`, {
    code: 'notFound',
    hint: 'the note itself only holds the redacted copy; run without --unredacted to read it',
  });
}
