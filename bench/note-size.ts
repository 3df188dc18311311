/**
 * Note size on a long redraw-heavy TUI session that behaves like Claude Code's (Ink): a spinner
 * redrawn 10 times a second while thinking, the live area (streamed answer + prompt box + footer)
 * erased and redrawn on every change, a prompt box redrawn per keystroke, finished answers and tool
 * output scrolling into history. Prints, per hour of session: raw bytes, asciicast bytes, `zstd -19`
 * of the raw stream and of the asciicast (zstd CLI), note bytes (real note lines from src/notes), side
 * by side, and whether the target is met (note at most 1/30 of the asciicast and smaller than its
 * zstd -19); the screen-text render speed; the time the note's encoding takes for a 1 MB and a 20 MB
 * segment. Checks that the note line replays the output byte for byte (exit 1 if not, or if missed).
 * Run: node --import tsx bench/note-size.ts [minutes=60]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fitBudget } from '../src/compact/budget.js';
import { DEFAULT_NOTE_BUDGET } from '../src/config/aisess-config.js';
import { decodeStream } from '../src/record/decode.js';
import { renderScreenText, type StreamEvent } from '../src/compact/screen.js';
import { encodeStream } from '../src/compact/stream-codec.js';
import { decodePayloadLine, encodePayloadLine } from '../src/notes/payload-line.js';

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

const SUMMARY = { time: 0, agent: 'claude', durationMs: 0, title: 'bench', files: 0 };

/** The note line of a segment holding `events`, as the binder builds it, and the time its encoding took. */
async function noteLine(events: StreamEvent[], budget: number): Promise<{ line: string; screen: string; lines: number; renderS: number; encodeMs: number }> {
  const t0 = performance.now();
  const screen = await renderScreenText(events, { cols: COLS, rows: ROWS });
  const t1 = performance.now();
  const body = fitBudget({ v: 2, term: { cols: COLS, rows: ROWS }, events: [], stream: encodeStream(events), screen: screen.text }, budget);
  const { line } = encodePayloadLine({ id: 'bench:0', summary: SUMMARY, body });
  return { line, screen: screen.text, lines: screen.lines, renderS: (t1 - t0) / 1000, encodeMs: performance.now() - t1 };
}

/** Output replayed from the note line itself (decoded as a reader would), or null when it does not decode. */
function replayFromLine(line: string): string | null {
  const d = decodePayloadLine(line);
  return d.ok ? decodeStream(d.record.body).filter((e) => e[1] === 'o').map((e) => e[2]).join('') : null;
}

/** Time to fit and encode the note of a segment of the first `mb` MB of output (what a background bind spends on compression). */
async function encodeTime(events: StreamEvent[], mb: number): Promise<string> {
  let n = 0;
  for (let bytes = 0; n < events.length && bytes < mb * 1e6; n++) bytes += Buffer.byteLength(events[n]![2]);
  const note = await noteLine(events.slice(0, n), DEFAULT_NOTE_BUDGET);
  return `${mb} MB segment: ${note.encodeMs.toFixed(0)} ms (${(note.encodeMs / mb).toFixed(0)} ms/MB), note ${note.line.length} bytes`;
}

async function main(): Promise<void> {
  const minutes = Number(process.argv[2] ?? 60);
  const events = claudeLikeSession(minutes);
  const hours = events.at(-1)![0] / 3600;
  const raw = events.map((e) => e[2]).join('');
  const rawBytes = Buffer.byteLength(raw);
  let last = 0;
  const cast = [JSON.stringify({ version: 3, term: { cols: COLS, rows: ROWS } }), ...events.map((e) => JSON.stringify([+(e[0] - last).toFixed(6), e[1], e[2], (last = e[0])].slice(0, 3)))].join('\n') + '\n';
  const castBytes = Buffer.byteLength(cast);
  const dir = mkdtempSync(join(tmpdir(), 'aisess-note-size-'));
  try {
    writeFileSync(join(dir, 'raw'), raw);
    writeFileSync(join(dir, 'cast'), cast);
    const [zRaw, zCast] = [zstdCli(join(dir, 'raw')), zstdCli(join(dir, 'cast'))];
    const full = await noteLine(events, Infinity);
    const budgeted = await noteLine(events, DEFAULT_NOTE_BUDGET);
    const perHour = (n: number) => `${(n / hours / 1e6).toFixed(3)} MB/h`;
    const rows: [string, number][] = [['raw output', rawBytes], ['asciicast v3', castBytes], ['zstd -19 raw', zRaw], ['zstd -19 asciicast', zCast], ['note (no budget)', full.line.length], [`note (budget ${DEFAULT_NOTE_BUDGET / 1024} KiB)`, budgeted.line.length], ['screen text (in the note)', Buffer.byteLength(full.screen)]];
    console.log(`session: ${(hours * 60).toFixed(1)} min, ${events.length} events, ${full.lines} screen-text lines`);
    for (const [name, n] of rows) console.log(`${name.padEnd(26)} ${String(n).padStart(11)} bytes  ${perHour(n).padStart(13)}  ${(castBytes / n).toFixed(1).padStart(7)}x smaller than asciicast`);
    const note = full.line.length;
    const met = note * 30 <= castBytes && note < zCast;
    console.log(`per hour: raw ${perHour(rawBytes)} | asciicast ${perHour(castBytes)} | zstd -19 raw ${perHour(zRaw)} | zstd -19 asciicast ${perHour(zCast)} | note ${perHour(note)}`);
    console.log(`target (note <= asciicast / 30 = ${Math.floor(castBytes / 30)} and < zstd -19 asciicast = ${zCast}): ${met ? 'target met' : 'target NOT met'} (note is ${((note / zCast) * 100).toFixed(0)} % of zstd -19 asciicast)`);
    console.log(`screen-text render: ${(rawBytes / 1e6 / full.renderS).toFixed(1)} MB/s of raw stream (${full.renderS.toFixed(1)} s)`);
    for (const mb of [1, 20]) console.log(`note encoding, ${await encodeTime(events, mb)}`);
    console.log(`note encoding, whole session (${(rawBytes / 1e6).toFixed(0)} MB): ${budgeted.encodeMs.toFixed(0)} ms`);
    const intact = replayFromLine(full.line) === raw;
    console.log(`replay from the note line: ${intact ? 'byte-identical output' : 'MISMATCH'}`);
    if (!intact || !met) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
