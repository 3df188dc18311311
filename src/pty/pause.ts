/**
 * Pausing the recording. While paused, output, keystrokes and agent events are not journalled;
 * the span is marked by an `aisess.pause` event and a marker at each end. Resizes, worktree changes
 * and commits are still journalled: they hold no screen content and binding needs them.
 *
 * On resume the journal's screen is stale (it never saw the paused output), and asking the agent
 * to redraw would be worse: Claude Code reprints its whole history on a resize, paused part
 * included. So the journal gets a synthetic reset instead: the screen (main or alternate) the
 * paused output left the terminal on, default attributes, cleared and homed. Replay and the screen
 * text show what came before the pause, the markers, then the agent's next redraws from a blank screen.
 */
import { AisessCode, type AisessEventCode, type JournalSink } from '../journal/events.js';

export const PAUSED_MARKER = 'recording paused';
export const RESUMED_MARKER = 'recording resumed';

/** Written to the user's terminal (never journalled): the window title says the state, nothing on screen. */
export const PAUSED_TITLE = '\x1b[22;2t\x1b]2;⏸ aisess: recording paused\x07';
// Terminals with a title stack restore the agent's title; others at least stop saying "paused".
export const RESUMED_TITLE = '\x1b]2;aisess: recording\x07\x1b[23;2t';

// DECSET/DECRST 47, 1047, 1049: the alternate screen.
const ALT_SWITCH = /\x1b\[\?(?:1049|1047|47)([hl])/g;
/** Enough of the previous chunk to find a switch split across two chunks. */
const TAIL = 9;

export interface Pause {
  /** The journal as everyone recording content should see it: silent while paused. */
  readonly sink: JournalSink;
  readonly paused: boolean;
  /** Pauses or resumes; returns the bytes to show the user (a title), not journalled. */
  toggle(): string;
}

export function createPause(inner: JournalSink): Pause {
  let paused = false;
  // The alternate screen as the journal last saw it, and as the paused output left it.
  let altJournal = false;
  let altNow = false;
  let tail = '';
  const track = (data: string): boolean => {
    const text = tail + data;
    let alt: boolean | null = null;
    for (const m of text.matchAll(ALT_SWITCH)) alt = m[1] === 'h';
    tail = text.slice(-TAIL);
    return alt ?? altNow;
  };
  const sink: JournalSink = {
    output(data) {
      altNow = track(data);
      if (paused) return;
      altJournal = altNow;
      inner.output(data);
    },
    input(data) {
      if (!paused) inner.input(data);
    },
    resize: (cols, rows) => inner.resize(cols, rows),
    marker(label) {
      if (!paused) inner.marker(label);
    },
    event(code: AisessEventCode, data: unknown) {
      if (!paused || code !== AisessCode.agent) inner.event(code, data);
    },
    close: (status) => inner.close(status),
  };
  return {
    sink,
    get paused() { return paused; },
    toggle() {
      paused = !paused;
      if (paused) {
        inner.event(AisessCode.pause, { paused: true });
        inner.marker(PAUSED_MARKER);
        return PAUSED_TITLE;
      }
      inner.event(AisessCode.pause, { paused: false });
      inner.marker(RESUMED_MARKER);
      inner.output(resetSequence(altJournal, altNow));
      altJournal = altNow;
      return RESUMED_TITLE;
    },
  };
}

/** Pure: what brings the journal's screen to "blank, on the screen the terminal is on now". */
export function resetSequence(altBefore: boolean, altNow: boolean): string {
  const screen = altBefore === altNow ? '' : altNow ? '\x1b[?1049h' : '\x1b[?1049l';
  return `${screen}\x1b[0m\x1b[H\x1b[2J`;
}
