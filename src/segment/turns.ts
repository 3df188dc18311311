/**
 * Pure: how a session's segments group into turns, and which segments say nothing at all.
 * In an agent session a turn runs from a prompt to the next one. A terminal-only session has no
 * prompts: its work up to and including each change is taken as one turn.
 */
import { AisessCode } from '../journal/events.js';
import { agentKind } from '../journal/event-data.js';
import type { Segment } from './types.js';
import { visibleText } from './visible-text.js';

/** The turn number of each segment (ascending). */
export function turnsOf(segments: readonly Segment[]): number[] {
  const prompted = segments.some((s) => s.events.some((e) => agentKind(e) === 'prompt'));
  let turn = 0;
  return segments.map((s, i) => {
    if (prompted) {
      if (i > 0 && opensTurn(s)) turn++;
      return turn;
    }
    const t = turn;
    if (s.changes.length) turn++;
    return t;
  });
}

/** In an agent session, the segments before the first prompt (start-up screens) are no turn's talk. */
export function hasPreamble(segments: readonly Segment[]): boolean {
  const first = segments[0];
  return first !== undefined && !opensTurn(first) && segments.some((s) => s.events.some((e) => agentKind(e) === 'prompt'));
}

function opensTurn(s: Segment): boolean {
  const first = s.events[0];
  return first !== undefined && agentKind(first) === 'prompt';
}

/** Agent event kinds that carry something a reader wants. */
const SUBSTANCE = new Set(['prompt', 'answer', 'thinking', 'tool_call', 'tool_result', 'file_edit', 'command']);


/** A segment with no change, no agent event of substance and no visible text: never bound. */
export function isEmptySegment(s: Segment): boolean {
  if (s.changes.length) return false;
  for (const e of s.events) {
    if (e.code === AisessCode.agent) {
      const kind = agentKind(e);
      if (kind !== null && SUBSTANCE.has(kind)) return false;
    } else if ((e.code === 'o' || e.code === 'i') && visibleText(e.data).trim() !== '') {
      return false;
    }
  }
  return true;
}
