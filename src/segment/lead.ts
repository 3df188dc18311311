/**
 * Pure: what a segment inherits from earlier in its session. The agent's session id, its model and
 * the prompt of the turn usually come once, at the start of a session or turn, but a commit may take
 * only a later segment: its record must still say which session, model and prompt it belongs to.
 */
import { agentData, agentKind } from '../journal/event-data.js';
import type { JournalEvent } from '../journal/events.js';
import type { Segment } from './types.js';

/** Agent event kinds a segment inherits, latest one of each. */
const INHERITED = ['session', 'model', 'prompt'] as const;
type Inherited = (typeof INHERITED)[number];

/** The latest `session`, `model` and `prompt` agent events before segment `index`, in time order. */
export function leadEvents(segments: readonly Segment[], index: number): JournalEvent[] {
  const found = new Map<Inherited, JournalEvent>();
  for (let i = index - 1; i >= 0 && found.size < INHERITED.length; i--) {
    const events = segments[i]?.events ?? [];
    for (let j = events.length - 1; j >= 0 && found.size < INHERITED.length; j--) {
      const kind = agentKind(events[j]!);
      if (kind && (INHERITED as readonly string[]).includes(kind) && !found.has(kind as Inherited)) found.set(kind as Inherited, events[j]!);
    }
  }
  return [...found.values()].sort((a, b) => a.time - b.time);
}

/** The text of a `prompt` agent event, or the name of a `model` one. */
export function agentText(event: JournalEvent, field: 'text' | 'name'): string | null {
  const data = agentData(event);
  if (data?.kind === 'prompt' && field === 'text') return data.text;
  if (data?.kind === 'model' && field === 'name') return data.name;
  return null;
}

/** The prompt of the turn a segment belongs to: its own opening one, else the latest before it, else any in it. */
export function turnPrompt(segment: Segment, lead: readonly JournalEvent[]): string | null {
  const first = segment.events[0];
  const opening = first && agentKind(first) === 'prompt' ? first : undefined;
  const pick = opening ?? lead.filter((e) => agentKind(e) === 'prompt').at(-1) ?? segment.events.find((e) => agentKind(e) === 'prompt');
  return pick ? agentText(pick, 'text') : null;
}

/** The model a segment ran on: the first one it names, else the one in effect before it. */
export function segmentModel(segment: Segment, lead: readonly JournalEvent[]): string | null {
  const pick = segment.events.find((e) => agentKind(e) === 'model') ?? lead.find((e) => agentKind(e) === 'model');
  return pick ? agentText(pick, 'name') : null;
}
