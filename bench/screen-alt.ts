/**
 * Screen-text rendering of a long full-screen TUI session that behaves like Codex's: the whole
 * session in the alternate screen, every frame a synchronized update that rewrites only the rows that
 * changed (cursor move, text, erase to end of line), a spinner redrawn 10 times a second while
 * thinking, the prompt typed into the input row, answers streamed into the history, which scrolls
 * by redrawing rows. Prints the render speed and checks that the screen text holds every turn's
 * prompt and the last line of its answer exactly once (exit 1 if not).
 * Run: node --import tsx bench/screen-alt.ts [minutes=60]
 */
import { performance } from 'node:perf_hooks';
import { renderScreenText, type StreamEvent } from '../src/compact/screen.js';

const COLS = 120;
const ROWS = 40;
const WORDS = 'the function returns a promise that resolves when every pending write has been flushed to disk and the lock released so callers can'.split(' ');
const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function rng(seed: number): () => number {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

export function codexLikeSession(minutes: number): { events: StreamEvent[]; turns: number } {
  const rand = rng(11);
  const events: StreamEvent[] = [[0, 'o', '\x1b[?1049h\x1b[H\x1b[2J']];
  let t = 0;
  let shown: string[] = Array.from({ length: ROWS }, () => '');
  const history: string[] = ['>_ Codex-like (bench)', ''];
  const frame = (streaming: string[], spinner: string, input: string, dt: number) => {
    const height = ROWS - 4;
    const rows = [...history, ...streaming].slice(-height);
    const next = [...rows, ...Array.from({ length: height - rows.length }, () => ''), spinner, '', `› ${input}`, '  ? for shortcuts'];
    let data = '';
    next.forEach((row, i) => {
      if (row !== shown[i]) data += `\x1b[${i + 1};1H${row}\x1b[K`;
    });
    shown = next;
    events.push([(t += dt), 'o', `\x1b[?2026h${data}\x1b[?2026l\x1b]0;${spinner.slice(0, 1)} codex\x07`]);
  };
  const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  const wrap = (text: string) => (text.match(/.{1,110}(\s|$)/g) ?? []).map((l) => l.trimEnd());
  let turn = 0;
  for (; t < minutes * 60; turn++) {
    // Short enough for the input row: a TUI wraps a long one itself.
    const prompt = `please ${sentence(6 + Math.floor(rand() * 6))} (turn ${turn})`;
    for (let i = 1; i <= prompt.length; i++) frame([], '', prompt.slice(0, i), 0.08 + rand() * 0.1);
    history.push(`› ${prompt}`, '');
    const thinking = 30 + Math.floor(rand() * 120);
    for (let s = 0; s < thinking; s++) frame([], `${SPIN[s % SPIN.length]} Working (${Math.floor(s / 10)}s • esc to interrupt)`, '', 0.1);
    const words: string[] = [];
    const total = 80 + Math.floor(rand() * 400);
    for (let w = 0; w < total; w += 4) {
      words.push(sentence(4));
      frame(wrap(words.join(' ')).map((l, i) => `${i === 0 ? '•' : ' '} ${l}`), `${SPIN[w % SPIN.length]} Working (${w} tokens)`, '', 0.05);
    }
    history.push(...wrap(words.join(' ')).map((l, i) => `${i === 0 ? '•' : ' '} ${l}`), `  [end of turn ${turn}]`, '');
    frame([], '', '', 0.3);
  }
  events.push([(t += 1), 'o', '\x1b[?1049l']);
  return { events, turns: turn };
}

async function main(): Promise<void> {
  const minutes = Number(process.argv[2] ?? 60);
  const { events, turns } = codexLikeSession(minutes);
  const bytes = events.reduce((n, e) => n + Buffer.byteLength(e[2]), 0);
  const t0 = performance.now();
  const screen = await renderScreenText(events, { cols: COLS, rows: ROWS });
  const s = (performance.now() - t0) / 1000;
  console.log(`session: ${minutes} min, ${turns} turns, ${events.length} frames, ${(bytes / 1e6).toFixed(1)} MB raw, ${screen.lines} screen-text lines (${(Buffer.byteLength(screen.text) / 1024).toFixed(0)} KB)`);
  console.log(`screen-text render: ${(bytes / 1e6 / s).toFixed(1)} MB/s of raw stream, ${Math.round(events.length / s)} frames/s (${s.toFixed(1)} s)`);
  const missing: string[] = [];
  for (let turn = 0; turn < turns; turn++) {
    for (const mark of [`(turn ${turn})`, `[end of turn ${turn}]`]) {
      const count = screen.text.split(mark).length - 1;
      if (count !== 1) missing.push(`${mark} x${count}`);
    }
  }
  console.log(missing.length === 0 ? `every turn's prompt and answer end once: yes (${turns} turns)` : `NOT once: ${missing.slice(0, 10).join(', ')}`);
  if (missing.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
