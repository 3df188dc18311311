/**
 * Note size on a long redraw-heavy TUI session that behaves like Claude Code's (Ink): a spinner
 * redrawn 10 times a second while thinking, the live area (streamed answer + prompt box + footer)
 * erased and redrawn on every change, a prompt box redrawn per keystroke, finished answers and tool
 * output scrolling into history. Prints, per hour of session: raw bytes, asciicast bytes, `zstd -19`
 * of the raw stream and of the asciicast (zstd CLI), note bytes (real note lines from src/notes), and
 * the screen-text render speed. Checks that the note replays the output byte for byte.
 * Run: node --import tsx bench/note-size.ts [minutes=60]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_NOTE_BUDGET, fitBudget } from '../src/compact/budget.js';
import { decodeStream } from '../src/compact/decode.js';
import { renderScreenText, type StreamEvent } from '../src/compact/screen.js';
import { encodeStream } from '../src/compact/stream-codec.js';
import { encodePayloadLine } from '../src/notes/payload-line.js';

const COLS = 120;
const ROWS = 40;
const WORDS = 'the function returns a promise that resolves when every pending write has been flushed to disk and the lock released so callers can'.split(' ');
const SPIN = ['✻', '✶', '✳', '✢', '·', '✽'];

/** A deterministic pseudo-random source, so runs compare. */
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

export function claudeLikeSession(minutes: number): StreamEvent[] {
  const rand = rng(7);
  const events: StreamEvent[] = [];
  let t = 0;
  let live = 0;
  const emit = (data: string, dt: number) => events.push([(t += dt), 'o', data]);
  const erase = () => (live > 0 ? '\x1b[2K\x1b[1A'.repeat(live - 1) + '\x1b[2K\x1b[G' : '');
  const draw = (lines: string[], dt: number) => {
    emit(erase() + lines.join('\r\n') + '\r\n', dt);
    live = lines.length + 1;
  };
  const promptBox = (input: string) => [`\x1b[2m╭${'─'.repeat(COLS - 2)}╮\x1b[0m`, `\x1b[2m│\x1b[0m > ${input.padEnd(COLS - 5)}\x1b[2m│\x1b[0m`, `\x1b[2m╰${'─'.repeat(COLS - 2)}╯\x1b[0m`, '\x1b[2m  ? for shortcuts                                   ~/work/project  main  opus\x1b[0m'];
  const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  for (let turn = 0; t < minutes * 60; turn++) {
    const prompt = `please ${sentence(6 + Math.floor(rand() * 10))} (turn ${turn})`;
    for (let i = 1; i <= prompt.length; i++) draw(promptBox(prompt.slice(0, i)), 0.08 + rand() * 0.1);
    emit(erase() + `\x1b[1m> ${prompt}\x1b[0m\r\n\r\n`, 0.2);
    live = 0;
    const thinking = 30 + Math.floor(rand() * 120);
    for (let s = 0; s < thinking; s++) draw([`\x1b[38;5;174m${SPIN[s % SPIN.length]} Thinking… (${Math.floor(s / 10)}s · ↓ ${s * 13} tokens · esc to interrupt)\x1b[0m`, '', ...promptBox('')], 0.1);
    const answer: string[] = [];
    const words = 80 + Math.floor(rand() * 400);
    for (let w = 0; w < words; w += 4) {
      answer.push(sentence(4));
      const shown = answer.join(' ').match(/.{1,110}(\s|$)/g) ?? [];
      draw([...shown.slice(-20).map((l) => `⏺ ${l}`), '', `\x1b[38;5;174m${SPIN[w % SPIN.length]} Writing… (${w} tokens)\x1b[0m`, '', ...promptBox('')], 0.05);
    }
    const final = (answer.join(' ').match(/.{1,110}(\s|$)/g) ?? []).map((l) => `⏺ ${l}`);
    const tool = Array.from({ length: 5 + Math.floor(rand() * 30) }, (_, i) => `  \x1b[32m+ ${i + 1} │ const value${turn}_${i} = compute(${Math.floor(rand() * 1000)});\x1b[0m`);
    emit(erase() + [...final, '', `⏺ \x1b[1mUpdate\x1b[0m(src/module${turn % 17}.ts)`, ...tool, ''].join('\r\n') + '\r\n', 0.3);
    live = 0;
    draw(promptBox(''), 0.05);
    t += 5 + rand() * 20;
  }
  return events;
}

function zstdCli(path: string): number {
  return execFileSync('zstd', ['-19', '-q', '-c', path], { maxBuffer: 1 << 30 }).length;
}

async function main(): Promise<void> {
  const minutes = Number(process.argv[2] ?? 60);
  const events = claudeLikeSession(minutes);
  const hours = events.at(-1)![0] / 3600;
  const raw = events.map((e) => e[2]).join('');
  const rawBytes = Buffer.byteLength(raw);
  let last = 0;
  const cast = [JSON.stringify({ version: 3, term: { cols: COLS, rows: ROWS } }), ...events.map((e) => JSON.stringify([+(e[0] - last).toFixed(6), e[1], e[2], (last = e[0])].slice(0, 3)))].join('\n') + '\n';
  const dir = mkdtempSync(join(tmpdir(), 'aisess-note-size-'));
  try {
    writeFileSync(join(dir, 'raw'), raw);
    writeFileSync(join(dir, 'cast'), cast);
    const t0 = performance.now();
    const screen = await renderScreenText(events, { cols: COLS, rows: ROWS });
    const seconds = (performance.now() - t0) / 1000;
    const body = { v: 2, term: { cols: COLS, rows: ROWS }, events: [], stream: encodeStream(events), screen: screen.text };
    const summary = { time: 0, agent: 'claude', durationMs: Math.round(hours * 3600_000), title: 'bench', files: 0 };
    const full = encodePayloadLine({ id: 'bench:0', summary, body: fitBudget(body, Infinity) }).line.length;
    const budgeted = encodePayloadLine({ id: 'bench:0', summary, body: fitBudget(body, DEFAULT_NOTE_BUDGET) }).line.length;
    const replayed = decodeStream(body).filter((e) => e[1] === 'o').map((e) => e[2]).join('');
    const castBytes = Buffer.byteLength(cast);
    const perHour = (n: number) => `${(n / hours / 1e6).toFixed(2)} MB/h`;
    const rows: [string, number][] = [['raw output', rawBytes], ['asciicast v3', castBytes], ['zstd -19 raw', zstdCli(join(dir, 'raw'))], ['zstd -19 asciicast', zstdCli(join(dir, 'cast'))], ['note (no budget)', full], [`note (budget ${DEFAULT_NOTE_BUDGET / 1024} KiB)`, budgeted], ['screen text', Buffer.byteLength(screen.text)]];
    console.log(`session: ${(hours * 60).toFixed(1)} min, ${events.length} events, ${screen.lines} screen-text lines`);
    for (const [name, n] of rows) console.log(`${name.padEnd(26)} ${String(n).padStart(11)} bytes  ${perHour(n).padStart(12)}  ${(castBytes / n).toFixed(1).padStart(7)}x smaller than asciicast`);
    console.log(`screen-text render: ${(rawBytes / 1e6 / seconds).toFixed(1)} MB/s of raw stream (${seconds.toFixed(1)} s)`);
    console.log(`replay from note: ${replayed === raw ? 'byte-identical output' : 'MISMATCH'}`);
    if (replayed !== raw) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
