/**
 * Which agent events a pause keeps out of the journal. An event is judged by when its transcript
 * line says it happened (`ago`, src/agents/session.ts), not when the tail read it: a prompt typed
 * while paused can be read after the resume, and an answer from before the pause read during it.
 * A line with no time of its own (Claude's `last-prompt`) is judged when read; and the text of
 * every prompt left out is scrubbed from what is kept later, so such a line, read after the
 * resume, or a later line quoting the prompt (a compaction's history), cannot carry it in.
 */
import { isJsonText, mapJsonStrings } from '../text/json-text.js';

/** Stands in for a paused prompt's text wherever a kept event repeats it. */
export const PAUSED_TEXT = '[aisess: paused]';

/** Shorter prompts ("y", "ok", "go on") are only replaced where a string is exactly them. */
const MIN_INSIDE = 8;

export interface PausedAgentFilter {
  /** The user paused or resumed at `now` (epoch ms, the clock `ago` is measured on). */
  toggle(paused: boolean, now: number): void;
  /** The data to journal (scrubbed of paused prompts), or null to leave the event out. */
  admit(data: unknown, now: number): unknown;
  /** A marker label with paused prompts' text replaced (a prompt marker holds its start). */
  label(text: string): string;
}

export function createPausedAgentFilter(): PausedAgentFilter {
  const spans: { from: number; to: number }[] = [];
  const texts = new Set<string>();
  const inPause = (at: number) => spans.some((s) => at >= s.from && at < s.to);
  const scrub = (s: string) => scrubText(s, texts);
  return {
    toggle(paused, now) {
      const last = spans[spans.length - 1];
      if (paused && !(last && last.to === Infinity)) spans.push({ from: now, to: Infinity });
      if (!paused && last && last.to === Infinity) last.to = now;
    },
    admit(data, now) {
      if (inPause(happenedAt(data, now))) {
        const text = promptText(data);
        if (text) texts.add(text.trim());
        return null;
      }
      return texts.size === 0 ? data : scrubValue(data, scrub);
    },
    label: (text) => (texts.size === 0 ? text : scrubLabel(text, texts)),
  };
}

/** When the line says it was written: `ago` seconds before now; without it, now. */
function happenedAt(data: unknown, now: number): number {
  const ago = isRecord(data) ? data.ago : undefined;
  return typeof ago === 'number' && Number.isFinite(ago) ? now - ago * 1000 : now;
}

function promptText(data: unknown): string | null {
  return isRecord(data) && data.kind === 'prompt' && typeof data.text === 'string' && data.text.trim() !== '' ? data.text : null;
}

export function scrubText(s: string, texts: ReadonlySet<string>): string {
  let out = s;
  for (const t of texts) {
    if (out.trim() === t) return PAUSED_TEXT;
    if (t.length >= MIN_INSIDE && out.includes(t)) out = out.replaceAll(t, PAUSED_TEXT);
  }
  return out;
}

/** Every string in a value, and every string inside one that holds JSON (a transcript line). */
function scrubValue(v: unknown, scrub: (s: string) => string): unknown {
  if (typeof v === 'string') return isJsonText(v) ? mapJsonStrings(v, '', (s) => scrubValue(s, scrub) as string) : scrub(v);
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, scrub));
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubValue(x, scrub)]));
  return v;
}

/** A prompt marker holds the prompt's start, whitespace folded (src/agents/session.ts markerFor). */
function scrubLabel(label: string, texts: ReadonlySet<string>): string {
  const m = /^prompt: (.+)$/s.exec(label);
  if (!m) return scrubText(label, texts);
  const shown = m[1]!;
  for (const t of texts) {
    const folded = t.replace(/\s+/g, ' ').trim();
    if (folded === shown || (shown.length >= MIN_INSIDE && folded.startsWith(shown))) return `prompt: ${PAUSED_TEXT}`;
  }
  return `prompt: ${scrubText(shown, texts)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
