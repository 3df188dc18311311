/**
 * Pure: where a prompt was drawn on screen. Codex 0.169 draws the submitted prompt into its history
 * (and it was on screen while typed) about 0.2 s before its rollout says the prompt came, so a cut at
 * the transcript's time leaves the prompt's own echo in the previous segment and out of the turn's
 * screen text. A prompt's turn starts no later than the last output, shortly before, that shows it.
 */
import type { JournalEvent } from '../journal/events.js';
import { visibleText } from './visible-text.js';

/** How far before the transcript's time an echo still counts as the prompt's (seconds). */
export const ECHO_WINDOW = 2;
/** Enough of the prompt's first line to know it; long lines wrap, so only the head is looked for. */
const HEAD = 24;

/** The prompt's first line without whitespace (a TUI may draw spaces as cursor moves), cut to its head. */
export function promptHead(text: string): string {
  const first = text.trim().split('\n')[0] ?? '';
  return [...first.replace(/\s+/g, '')].slice(0, HEAD).join('');
}

/** The time of the last output event in (from, at] that shows `head`, or undefined. */
export function echoTime(events: readonly JournalEvent[], before: number, head: string, from: number, at: number): number | undefined {
  if (head.length < 3) return undefined;
  for (let i = before - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.time <= from || e.time < at - ECHO_WINDOW) return undefined;
    if (e.code === 'o' && e.time <= at && visibleText(e.data).replace(/\s+/g, '').includes(head)) return e.time;
  }
  return undefined;
}
