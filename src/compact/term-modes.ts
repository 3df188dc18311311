/**
 * Watches the control sequences that decide what becomes screen text, before the emulator acts on
 * them: clears (a view about to vanish), alternate-screen switches, and scroll regions (a line
 * scrolled inside a region is deleted, not moved to history). Each handler returns false so
 * xterm's own handler still runs.
 */
import type xterm from '@xterm/headless';

type Term = xterm.Terminal;
type Params = (number | number[])[];

export interface ModeHooks {
  /** The active screen is about to be erased as a whole. */
  beforeClear(): void;
  enterAlt(): void;
  leaveAlt(): void;
  /** A synchronized update (DEC mode 2026) is about to end: the screen holds a whole frame. */
  frameEnd(): void;
}

/** DECSET/DECRST modes that switch to the alternate screen. */
const ALT_MODES = new Set([47, 1047, 1049]);
/** Synchronized output: the TUI draws a frame between set and reset (Codex does, every frame). */
const SYNC_MODE = 2026;

export class TermModes {
  /** Top row of the main buffer's scroll region; only a region starting at row 0 feeds history. */
  private regionTop = 0;
  /** Leaving the alternate screen fires one onScroll that is not a scroll. */
  private switching = false;
  private syncing = false;

  constructor(private readonly term: Term, hooks: ModeHooks) {
    const parser = term.parser;
    parser.registerCsiHandler({ final: 'J' }, (params) => {
      const mode = first(params);
      const buffer = term.buffer.active;
      if (mode === 2 || mode === 3 || (mode === 0 && buffer.cursorX === 0 && buffer.cursorY === 0)) hooks.beforeClear();
      return false;
    });
    parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
      if (params.some((p) => ALT_MODES.has(first([p]))) && term.buffer.active.type === 'normal') hooks.enterAlt();
      if (params.some((p) => first([p]) === SYNC_MODE)) this.syncing = true;
      return false;
    });
    parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (params.some((p) => first([p]) === SYNC_MODE) && this.syncing) {
        this.syncing = false;
        hooks.frameEnd();
      }
      if (params.some((p) => ALT_MODES.has(first([p]))) && term.buffer.active.type === 'alternate') {
        hooks.leaveAlt();
        this.switching = true;
      }
      return false;
    });
    parser.registerCsiHandler({ final: 'r' }, (params) => {
      if (term.buffer.active.type === 'normal') this.regionTop = Math.max(0, first(params) - 1);
      return false;
    });
    parser.registerEscHandler({ final: 'c' }, () => {
      hooks.beforeClear();
      if (term.buffer.active.type === 'alternate') this.switching = true;
      this.regionTop = 0;
      return false;
    });
  }

  takeBufferSwitch(): boolean {
    const was = this.switching;
    this.switching = false;
    return was;
  }

  /** Inside a synchronized update: the screen is half drawn. */
  drawingFrame(): boolean {
    return this.syncing;
  }

  scrollsToHistory(): boolean {
    return this.regionTop === 0;
  }

  /** xterm resets scroll regions on resize. */
  resized(): void {
    this.regionTop = 0;
  }
}

function first(params: Params): number {
  const p = params[0];
  return (Array.isArray(p) ? p[0] : p) ?? 0;
}
