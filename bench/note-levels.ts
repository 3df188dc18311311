/**
 * Picks the note payload's zstd parameters by measurement: size and time per level (12 … 19), with
 * zstd's default window for the level and with the 128 MiB window the notes codec uses, on two kinds
 * of envelope: the Claude-like redraw-heavy session of bench/note-size.ts cut to 1 MB, 20 MB and
 * 60 minutes of output, and the prose-heavy body of bench/notes-zstd.ts (5 and 15 minutes).
 * Run: node --import tsx bench/note-levels.ts
 */
import { performance } from 'node:perf_hooks';
import { compress } from 'zstd-napi';
import type { StreamEvent } from '../src/compact/screen.js';
import { renderScreenText } from '../src/compact/screen.js';
import { encodeStream } from '../src/compact/stream-codec.js';
import { ZSTD_WINDOW_LOG } from '../src/notes/payload-line.js';
import { claudeLikeSession } from './note-size.js';
import { realisticBody } from './notes-zstd.js';

const LEVELS = [12, 15, 17, 19];

async function tuiEnvelope(events: StreamEvent[], mb: number): Promise<Buffer> {
  let n = 0;
  for (let bytes = 0; n < events.length && bytes < mb * 1e6; n++) bytes += Buffer.byteLength(events[n]![2]);
  const slice = events.slice(0, n);
  const screen = await renderScreenText(slice, { cols: 120, rows: 40 });
  return Buffer.from(JSON.stringify({ id: 'bench:0', summary: {}, body: { v: 2, events: [], stream: encodeStream(slice), screen: screen.text } }));
}

/** Median of three runs after a warm-up (the first call also allocates the context). */
function measure(json: Buffer, params: { compressionLevel: number; windowLog?: number }): { bytes: number; ms: number } {
  compress(json, params);
  const runs = [0, 1, 2].map(() => {
    const t = performance.now();
    const bytes = compress(json, params).length;
    return { bytes, ms: performance.now() - t };
  });
  return runs.sort((a, b) => a.ms - b.ms)[1]!;
}

async function main(): Promise<void> {
  const session = claudeLikeSession(60);
  const cases: [string, Buffer][] = [
    ['TUI 1 MB output', await tuiEnvelope(session, 1)],
    ['TUI 20 MB output', await tuiEnvelope(session, 20)],
    ['TUI 60 min', await tuiEnvelope(session, Infinity)],
    ['prose 5 min', Buffer.from(JSON.stringify(realisticBody(5)))],
    ['prose 15 min', Buffer.from(JSON.stringify(realisticBody(15)))],
  ];
  console.log('envelope                 JSON MB  level  default window            2^27 window');
  for (const [name, json] of cases) {
    for (const level of LEVELS) {
      const d = measure(json, { compressionLevel: level });
      const w = measure(json, { compressionLevel: level, windowLog: ZSTD_WINDOW_LOG });
      const cell = (m: { bytes: number; ms: number }) => `${String(m.bytes).padStart(8)} B ${m.ms.toFixed(0).padStart(5)} ms ${(m.ms / (json.length / 1e6)).toFixed(0).padStart(4)} ms/MB`;
      console.log(`${name.padEnd(24)} ${(json.length / 1e6).toFixed(2).padStart(7)}  ${String(level).padStart(5)}  ${cell(d)}  ${cell(w)}`);
    }
  }
}

await main();
