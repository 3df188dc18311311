/**
 * The text a person actually saw in a recorded stream: the stream is played through a headless
 * terminal at the recorded size; lines that scroll off the top are taken once each as they go,
 * clear-and-redraw views on the main screen are sampled and de-duplicated by FrameLog, and the
 * alternate screen is read after every frame (a synchronized update, else a written chunk) by
 * AltRows, which keeps each row's text as it leaves.
 * Runs at bind time and in `aisess show`, never on the pty path. Memory stays bounded: the terminal
 * keeps SCROLLBACK lines, and lines leave through `onLine` as soon as they are final.
 */
import { createRequire } from 'node:module';
import type xterm from '@xterm/headless';
import { filterCastEvents } from '../term/screen-filter.js';
import { AltRows } from './alt-rows.js';
import { DirtyRows } from './dirty-rows.js';
import { FrameLog } from './frames.js';
import { logicalLines, screenRows, viewportLines } from './terminal-rows.js';
import { TermModes } from './term-modes.js';

// Required, not imported: an ESM import of this CommonJS bundle first has node scan its whole
// source for export names (~15 ms of every binder's and `aisess show`'s start).
const { Terminal } = createRequire(import.meta.url)('@xterm/headless') as typeof xterm;

/** Scrollback kept by the emulator; lines are drained as they scroll, so a little is enough. */
const SCROLLBACK = 200;
/** A pause this long before the next event means the person looked at the screen, even mid-update. */
const SAMPLE_GAP = 0.3;
/** Let the emulator catch up after this many queued characters, so queued writes stay small. */
const QUEUE_CHARS = 1 << 21;

export interface TermSize {
  cols: number;
  rows: number;
}
/** [seconds, code, data]: 'o' output and 'r' resize ("COLSxROWS") matter, other codes are skipped. */
export type StreamEvent = readonly [number, string, string];

export class ScreenRenderer {
  private readonly term: InstanceType<typeof Terminal>;
  private readonly frames: FrameLog;
  private readonly alt: AltRows;
  private readonly dirty: DirtyRows;
  /** The alternate screen's rows as last read. */
  private altRows: string[] | undefined;
  private readonly modes: TermModes;
  /** Last scrolled-off line, open until we know whether the next row wraps on from it. */
  private open: string | null = null;
  /** Rows at the top of the main viewport already emitted (before entering the alternate screen). */
  private skipTop = 0;
  private queued = 0;

  constructor(size: TermSize, private readonly onLine: (line: string) => void) {
    this.term = new Terminal({ cols: size.cols, rows: size.rows, scrollback: SCROLLBACK, allowProposedApi: true });
    this.frames = new FrameLog((lines) => this.block(lines));
    this.alt = new AltRows((lines) => this.block(lines));
    this.dirty = new DirtyRows(this.term);
    this.modes = new TermModes(this.term, {
      beforeClear: () => this.beforeClear(),
      enterAlt: () => this.enterAlt(),
      leaveAlt: () => this.sampleAlt(true),
      frameEnd: () => this.sampleAlt(false),
    });
    this.term.onScroll(() => this.scrolled());
    this.term.buffer.onBufferChange(() => this.dirty.all());
  }

  /** Feeds events in order; resolves when the emulator has taken them in (callable repeatedly). */
  async feed(events: Iterable<StreamEvent>): Promise<void> {
    let previous: StreamEvent | undefined;
    for (const event of events) {
      if (previous) await this.write(previous, event[0] - previous[0] >= SAMPLE_GAP);
      previous = event;
    }
    if (previous) await this.write(previous, true);
    await this.drain();
  }

  /** Emits the final screens: the alternate view if one is up, then what is left on the main screen. */
  async finish(): Promise<void> {
    await this.drain();
    this.sampleAlt(true);
    this.frames.flush();
    const normal = this.term.buffer.normal;
    const rest = trimTrailing(viewportLines(normal, this.term.rows, this.skipTop));
    // A line longer than the screen (a piped agent's JSON line): its head scrolled off, its tail is in view.
    if (this.open !== null && rest.length > 0 && normal.getLine(normal.baseY + this.skipTop)?.isWrapped) {
      this.open += rest.shift();
    }
    this.flushOpen();
    for (const line of rest) this.onLine(line);
    this.term.dispose();
  }

  private async write([, code, data]: StreamEvent, sample: boolean): Promise<void> {
    if (code === 'r') return this.resize(data);
    if (code !== 'o') return;
    const framed = endsWithFrame(data);
    this.term.write(data, () => {
      if (sample || (!framed && !this.modes.drawingFrame())) this.sampleAlt(false);
    });
    this.queued += data.length;
    if (this.queued > QUEUE_CHARS) await this.drain();
  }

  private drain(): Promise<void> {
    this.queued = 0;
    return new Promise((resolve) => this.term.write('', resolve));
  }

  private async resize(data: string): Promise<void> {
    const m = /^(\d+)x(\d+)$/.exec(data);
    if (!m) return;
    await this.drain();
    this.sampleAlt(false);
    const normal = this.term.buffer.normal;
    const before = normal.baseY;
    this.term.resize(Math.max(1, Number(m[1])), Math.max(1, Number(m[2])));
    this.dirty.all();
    this.modes.resized();
    // Growing pulls scrolled lines back into view (already emitted); shrinking pushes rows out silently.
    if (normal.baseY < before) this.skipTop += before - normal.baseY;
    for (let y = before; y < normal.baseY; y++) this.history(y);
  }

  private scrolled(): void {
    const buffer = this.term.buffer.active;
    if (this.modes.takeBufferSwitch()) return;
    if (buffer.type !== 'normal' || !this.modes.scrollsToHistory() || buffer.baseY === 0) return;
    this.history(buffer.baseY - 1);
  }

  /** Row y of the main buffer has just become history. */
  private history(y: number): void {
    if (this.skipTop > 0) {
      this.skipTop--;
      return;
    }
    const row = this.term.buffer.normal.getLine(y);
    if (!row) return;
    this.frames.flush();
    const text = row.translateToString(false);
    if (row.isWrapped && this.open !== null) this.open += text;
    else {
      this.flushOpen();
      this.open = text;
    }
  }

  private flushOpen(): void {
    if (this.open !== null) this.onLine(this.open.trimEnd());
    this.open = null;
  }

  private block(lines: string[]): void {
    this.flushOpen();
    for (const line of lines) this.onLine(line);
  }

  private sampleAlt(leaving: boolean): void {
    const buffer = this.term.buffer.active;
    if (buffer.type !== 'alternate') return;
    const { from, to } = this.dirty.take();
    this.altRows = screenRows(buffer, this.term.rows, this.altRows, from, to);
    this.alt.offer(this.altRows);
    if (leaving) {
      this.alt.flush();
      this.altRows = undefined;
    }
  }

  private beforeClear(): void {
    const buffer = this.term.buffer.active;
    if (buffer.type === 'alternate') return this.modes.drawingFrame() ? undefined : this.sampleAlt(false);
    this.frames.offer(viewportLines(buffer, this.term.rows, this.skipTop));
    this.skipTop = 0;
  }

  /**
   * The main screen stays as it was under the alternate one: rows above the cursor are emitted now,
   * so they come before the alternate view; the cursor row may still change and is left in place.
   */
  private enterAlt(): void {
    const normal = this.term.buffer.normal;
    const upTo = normal.cursorY;
    if (upTo <= this.skipTop) return;
    this.frames.flush();
    this.block(trimTrailing(logicalLines(normal, normal.baseY + this.skipTop, normal.baseY + upTo)));
    this.skipTop = upTo;
  }
}

export async function renderScreenText(events: Iterable<StreamEvent>, term: TermSize): Promise<{ text: string; lines: number }> {
  const lines: string[] = [];
  const renderer = new ScreenRenderer(term, (line) => {
    if (line === '' && (lines.length === 0 || lines.at(-1) === '')) return;
    lines.push(line);
  });
  // Only what draws reaches the emulator: a note's stream is someone else's, and queries would be answered.
  await renderer.feed(filterCastEvents([...events]));
  await renderer.finish();
  while (lines.at(-1) === '') lines.pop();
  return { text: lines.join('\n'), lines: lines.length };
}

const SYNC_END = '\x1b[?2026l';
// After the frame: titles and other OSC strings, cursor moves and mode switches, which change no text.
const NO_TEXT = /^(?:\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[ABCDEFGHIdfhlmnpqstu]|\x1b[78=>])*$/;

/** The chunk ends with a synchronized frame (read at its end) and nothing after it that changes text. */
function endsWithFrame(data: string): boolean {
  const at = data.lastIndexOf(SYNC_END);
  return at !== -1 && NO_TEXT.test(data.slice(at + SYNC_END.length));
}

function trimTrailing(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return lines.slice(0, end);
}
