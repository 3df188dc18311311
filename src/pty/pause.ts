/**
 * Pausing the recording. While paused, output, keystrokes and agent events are not journalled
 * (agent events by when they happened, not when read: src/pty/paused-agent.ts);
 * the span is marked by an `aisess.pause` event and a marker at each end. Resizes, worktree changes
 * and commits are still journalled: they hold no screen content and binding needs them.
 *
 * On resume the journal's screen is stale (it never saw the paused output), and asking the agent
 * to redraw would be worse: Claude Code reprints its whole history on a resize, paused part
 * included. So the journal gets a synthetic reset instead: the screen (main or alternate) the
 * paused output left the terminal on, default attributes, cleared and homed. Replay and the screen
 * text show what came before the pause, the markers, then the agent's next redraws from a blank screen.
 */
import type { EventDataMap } from '../journal/event-data.js';
import { AisessCode, type AisessEventCode } from '../journal/events.js';
import type { JournalSink } from '../journal/sink.js';
import { createPausedAgentFilter } from './paused-agent.js';

export const PAUSED_MARKER = 'recording paused';
export const RESUMED_MARKER = 'recording resumed';

/** Written to the user's terminal (never journalled): the window title says the state, nothing on screen. */
export const PAUSED_TITLE = '\x1b[22;2t\x1b]2;⏸ aisess: recording paused\x07';
// Terminals with a title stack restore the agent's title; others at least stop saying "paused".
export const RESUMED_TITLE = '\x1b]2;aisess: recording\x07\x1b[23;2t';

// DECSET/DECRST 47, 1047, 1049: the alternate screen, in raw text and as a JSON string body.
const ALT_SWITCH = /\x1b\[\?(?:1049|1047|47)([hl])/g;
const ALT_SWITCH_JSON = /\\u001b\[\?(?:1049|1047|47)([hl])/g;
/** Enough of the previous chunk to find a switch split across two chunks. */
const TAIL = 9;
const JSON_TAIL = 14;

export interface Pause {
  /** The journal as everyone recording content should see it: silent while paused. */
  readonly sink: JournalSink;
  readonly paused: boolean;
  /** Pauses or resumes; returns the bytes to show the user (a title), not journalled. */
  toggle(): string;
  /**
   * As toggle, for output that reaches the journal later than the screen (the native relay):
   * keys and events switch at once, output once `whenShown` calls back, when everything that was
   * on screen at the toggle has come through. What was shown while paused stays out.
   */
  toggleAfter(whenShown: (callback: () => void) => void): string;
  /**
   * What the agent follower journals through: `event` says whether the event was kept (false: it
   * happened while paused, and its marker must stay out too); markers lose paused prompts' text.
   */
  readonly agent: { event<C extends AisessEventCode>(code: C, data: EventDataMap[C]): boolean; marker(label: string): void };
}

/** `clock`: epoch ms, the clock the follower measures `ago` on (Date.now). */
export function createPause(inner: JournalSink, clock: () => number = Date.now): Pause {
  let paused = false;
  const agentFilter = createPausedAgentFilter();
  const agentEvent = <C extends AisessEventCode>(code: C, data: EventDataMap[C]): boolean => {
    // The filter only scrubs strings: what it lets through keeps the data's shape.
    const kept = (code === AisessCode.agent ? agentFilter.admit(data, clock()) : data) as EventDataMap[C] | null;
    if (kept !== null) inner.event(code, kept);
    return kept !== null;
  };
  let outputPaused = false;
  // The alternate screen as the journal last saw it, and as the paused output left it.
  let altJournal = false;
  let altNow = false;
  let tail = '';
  const lastSwitch = (text: string, pattern: RegExp): boolean => {
    let alt: boolean | null = null;
    for (const m of text.matchAll(pattern)) alt = m[1] === 'h';
    return alt ?? altNow;
  };
  const track = (data: string): boolean => {
    const text = tail + data;
    tail = text.slice(-TAIL);
    return lastSwitch(text, ALT_SWITCH);
  };
  // The relay's chunks are large and rarely hold a switch: look before making a string.
  const trackJsonText = (body: Uint8Array): boolean => {
    const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    // Without one inside the chunk, a switch can only straddle the boundary: the tail and the head.
    const text = tail + buf.toString('latin1', 0, mayHoldSwitch(buf) ? buf.length : Math.min(buf.length, JSON_TAIL));
    tail = (tail + buf.toString('latin1', Math.max(0, buf.length - JSON_TAIL))).slice(-JSON_TAIL);
    return lastSwitch(text, ALT_SWITCH_JSON);
  };
  const sink: JournalSink = {
    output(data) {
      altNow = track(data);
      if (outputPaused) return;
      altJournal = altNow;
      inner.output(data);
    },
    outputJsonText(body) {
      altNow = trackJsonText(body);
      if (outputPaused) return;
      altJournal = altNow;
      inner.outputJsonText(body);
    },
    input(data) {
      if (!paused) inner.input(data);
    },
    resize: (cols, rows) => inner.resize(cols, rows),
    marker(label) {
      if (!paused) inner.marker(label);
    },
    event(code, data) {
      agentEvent(code, data);
    },
    close: (status) => inner.close(status),
  };
  const settleOutput = (now: boolean): void => {
    if (outputPaused === now) return;
    outputPaused = now;
    if (now) return;
    inner.output(resetSequence(altJournal, altNow));
    altJournal = altNow;
  };
  const toggleAfter = (whenShown: (callback: () => void) => void): string => {
    paused = !paused;
    const now = paused;
    agentFilter.toggle(now, clock());
    inner.event(AisessCode.pause, { paused: now });
    inner.marker(now ? PAUSED_MARKER : RESUMED_MARKER);
    whenShown(() => settleOutput(now));
    return now ? PAUSED_TITLE : RESUMED_TITLE;
  };
  return {
    sink,
    get paused() { return paused; },
    toggle: () => toggleAfter((callback) => callback()),
    toggleAfter,
    agent: { event: agentEvent, marker: (label) => inner.marker(agentFilter.label(label)) },
  };
}

/**
 * Whether a chunk may hold "[?47", "[?1047" or "[?1049": found by way of its '?' bytes, rarer in
 * terminal output than the '[' of every colour change (a plain search for "[?" costs 3x as much).
 */
function mayHoldSwitch(buf: Buffer): boolean {
  for (let at = buf.indexOf(0x3f); at >= 0; at = buf.indexOf(0x3f, at + 1)) {
    if (buf[at - 1] === 0x5b && (buf[at + 1] === 0x34 || buf[at + 1] === 0x31)) return true;
  }
  return false;
}

/** Pure: what brings the journal's screen to "blank, on the screen the terminal is on now". */
export function resetSequence(altBefore: boolean, altNow: boolean): string {
  const screen = altBefore === altNow ? '' : altNow ? '\x1b[?1049h' : '\x1b[?1049l';
  return `${screen}\x1b[0m\x1b[H\x1b[2J`;
}
