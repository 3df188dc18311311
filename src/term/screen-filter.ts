/**
 * What of a terminal stream may reach a reader's terminal: only what draws the screen. A note is
 * written by someone else, and a terminal obeys more than drawing: OSC 52 writes the clipboard, OSC
 * 0/1/2 set titles, OSC 7/8/9/777/1337 and DCS/APC/PM/SOS strings talk to the emulator, and queries
 * (DSR, DA, XTWINOPS, DECRQM, XTVERSION, colour queries, ENQ) make it type answers into whatever
 * reads stdin next. So this is an allowlist: text, SGR, cursor moves, erase, insert/delete, scroll,
 * tabs, charsets and the DEC modes a player restores on exit; everything else is dropped whole.
 * Used on the way into a note, by replay (whatever the note holds) and by the screen-text renderer.
 */
import { tokenize, type Token } from './escapes.js';

/** CSI finals with no private prefix and no intermediate that only draw (ECMA-48 / VT). */
const DRAWING_FINALS = new Set('@ABCDEFGHIJKLMPSTXZ`abdefgmrsu'.split(''));
/** ANSI modes (`CSI n h/l`): 4 insert, 20 newline. */
const ANSI_MODES = new Set(['4', '20']);
/**
 * DEC private modes (`CSI ? n h/l`) that change how the screen draws: 5 reverse video, 6 origin,
 * 7 autowrap, 12 cursor blink, 25 cursor visible, 47/1047/1048/1049 alternate screen and saved
 * cursor, 2026 synchronized output. Modes that change what the keyboard or mouse sends are left out.
 */
export const DEC_MODES = new Set(['5', '6', '7', '12', '25', '47', '1047', '1048', '1049', '2026']);
/** Two-byte escapes that draw: save/restore cursor, index, next line, reverse index, tab set, reset, alignment test. */
const DRAWING_ESCAPES = new Set(['7', '8', 'D', 'E', 'M', 'H', 'c']);
/** C0 controls that draw: BEL, BS, HT, LF, VT, FF, CR, SO, SI (ENQ, for one, asks for an answer). */
const DRAWING_C0 = new Set([0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f]);

/** The stream with every non-drawing sequence removed; chunk boundaries stay where they were. */
export function filterScreen(chunks: readonly string[]): string[] {
  const whole = chunks.join('');
  const drops = screenDrops(whole);
  if (drops.length === 0) return [...chunks];
  const out: string[] = [];
  let at = 0;
  let d = 0;
  for (const chunk of chunks) {
    const end = at + chunk.length;
    let kept = '';
    let from = at;
    while (d < drops.length && drops[d]![0] < end) {
      const [a, b] = drops[d]!;
      kept += whole.slice(from, Math.max(from, a));
      from = Math.min(end, Math.max(from, b));
      if (b > end) break;
      d++;
    }
    kept += whole.slice(from, end);
    out.push(kept);
    at = end;
  }
  return out;
}

/** [start, end) of every sequence in `s` that does not only draw, in order. */
export function screenDrops(s: string): [number, number][] {
  const drops: [number, number][] = [];
  for (const t of tokenize(s)) {
    if (t.type === 'text' || draws(s, t)) continue;
    const last = drops[drops.length - 1];
    if (last && last[1] === t.start) last[1] = t.end;
    else drops.push([t.start, t.end]);
  }
  return drops;
}

/** Does this control token only draw the screen? OSC strings never do. */
function draws(s: string, t: Token): boolean {
  if (t.type !== 'control') return false;
  const c = s.charCodeAt(t.start);
  if (c !== 0x1b) return DRAWING_C0.has(c) && t.end === t.start + 1;
  const next = s[t.start + 1];
  if (next === '[') return csiDraws(s.slice(t.start + 2, t.end));
  if (next === '(' || next === ')' || next === '*' || next === '+') return t.end === t.start + 3;
  if (next === '#') return s[t.start + 2] === '8' && t.end === t.start + 3;
  return next !== undefined && DRAWING_ESCAPES.has(next) && t.end === t.start + 2;
}

/** `body` is what follows `ESC [`: parameters, intermediates, final. */
function csiDraws(body: string): boolean {
  const m = /^([<=>?]?)([0-9:;]*)([ -/]*)([@-~])$/.exec(body);
  if (!m) return false;
  const [, prefix, params, inter, final] = m as unknown as [string, string, string, string, string];
  if (final === 'h' || final === 'l') {
    if (inter !== '') return false;
    const modes = params.split(';');
    if (prefix === '?') return modes.every((p) => DEC_MODES.has(p));
    return prefix === '' && modes.every((p) => ANSI_MODES.has(p));
  }
  if (prefix === '?') return inter === '' && (final === 'J' || final === 'K');
  if (prefix !== '') return false;
  // Cursor shape (DECSCUSR) and soft reset (DECSTR) are the only drawing sequences with an intermediate.
  if (inter !== '') return (inter === ' ' && final === 'q') || (inter === '!' && final === 'p');
  // XTWINOPS `t` also reports and resizes windows; `CSI 6n` and `CSI c` ask for answers.
  return DRAWING_FINALS.has(final);
}

/** Journal-shaped events with their 'o' output filtered as one stream. */
export function filterOutputEvents<E extends { code: string; data: string }>(events: readonly E[]): E[] {
  return filterOutputs(events, (e) => (e.code === 'o' ? e.data : undefined), (e, data) => ({ ...e, data }));
}

/** The same for asciicast-shaped tuples `[time, code, data]`. */
export function filterCastEvents<E extends readonly [number, string, string]>(events: readonly E[]): E[] {
  return filterOutputs(events, (e) => (e[1] === 'o' ? e[2] : undefined), (e, data) => [e[0], e[1], data] as unknown as E);
}

/** `output(e)`: an event's output data, undefined for other events; only events whose data changed are copied. */
function filterOutputs<E>(events: readonly E[], output: (e: E) => string | undefined, withData: (e: E, data: string) => E): E[] {
  const at = events.flatMap((e, i) => (output(e) === undefined ? [] : [i]));
  const filtered = filterScreen(at.map((i) => output(events[i]!)!));
  const out = [...events];
  at.forEach((i, k) => {
    if (filtered[k] !== output(events[i]!)) out[i] = withData(events[i]!, filtered[k]!);
  });
  return out;
}
