/**
 * `aisess show --unredacted`: the same segments, rebuilt from the local journal instead of the note.
 * Notes are redacted before they reach git and can never give the secrets back; only the machine that
 * recorded the session still has them, in its journal (the record id names session and segment).
 */
import { loadSession } from '../bind/session-source.js';
import { UserError } from '../errors/user-error.js';
import { renderScreenText } from '../compact/screen.js';
import type { JournalEvent } from '../journal/events.js';
import { leadEvents, turnPrompt } from '../segment/lead.js';
import type { Segment } from '../segment/types.js';
import { firstPrompt } from '../record/prompt.js';
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
  if (colon < 0 || !Number.isInteger(index)) throw new UserError(`record ${view.id} does not name a recorded segment`, { kind: 'badData' });
  return [view.id.slice(0, colon), index];
}

/** The binder's own segmentation (src/bind/session-source.ts): the record id names the same segment. */
async function loadSegments(storeDir: string, id: string): Promise<Segment[]> {
  const load = await loadSession(storeDir, id);
  if (!load.ok) throw gone(id, load.missing ? 'this machine has no recording of it' : `its journal cannot be read (${load.reason})`);
  return load.session.segments;
}

async function rebuild(view: SegmentView, segment: Segment, lead: JournalEvent[]): Promise<SegmentView> {
  const events = segment.events.map((e): [number, string, string] => [e.time, e.code, e.data]);
  const screen = await renderScreenText(events, view.term);
  const title = turnPrompt(segment, lead) ?? firstPrompt(segment.events) ?? view.title;
  return { ...view, title, events, lead: lead.map((e) => [e.time, e.code, e.data]), screen: screen.text, dropped: null };
}

function gone(session: string, why: string): UserError {
  return new UserError(`cannot show session ${session} unredacted: ${why}`, {
    kind: 'notFound',
    hint: 'the note itself only holds the redacted copy; run without --unredacted to read it',
  });
}
