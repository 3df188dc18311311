/**
 * Picks the note payload's zstd level: size and time at levels 3, 9, 12, 15 and 19 on a realistic segment
 * body (structured events, screen text, and a redraw-heavy raw stream such as an agent TUI emits).
 * Run: node --import tsx bench/notes-zstd.ts
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { compress } from 'zstd-napi';

// Real prose and code, so the body is not unrealistically repetitive.
const corpus = readFileSync(new URL('../node_modules/typescript/lib/lib.dom.d.ts', import.meta.url), 'utf8');

export function realisticBody(minutes = 5): unknown {
  const events = [];
  const raw: string[] = [];
  const screen: string[] = [];
  for (let t = 0; t < minutes * 60; t += 2) {
    events.push({ t, kind: t % 10 === 0 ? 'tool_use' : 'text', name: 'Edit', input: { file_path: `src/mod${t % 7}.ts`, old_string: `const a${t} = 1;`, new_string: `const a${t} = 2;` } });
    // A TUI redraw: cursor home, spinner, status bar, a diff hunk in colour, re-rendered each tick.
    raw.push(`\x1b[H\x1b[2J\x1b[1;36m✻ Thinking… (${t}s · ↓ ${t * 37} tokens)\x1b[0m\r\n`);
    for (let l = 0; l < 12; l++) raw.push(`\x1b[${l + 3};1H\x1b[32m+ const value${(t + l) % 50} = compute(${l}, ${t % 13});\x1b[0m\x1b[K`);
    raw.push(`\x1b[40;1H\x1b[7m ~/work/project  main  claude-opus  ${t}s \x1b[0m`);
    const excerpt = corpus.slice(t * 1500, t * 1500 + 1500);
    raw.push(`\x1b[20;1H${excerpt.replaceAll('\n', '\r\n')}`);
    screen.push(`✻ Thinking… (${t}s)`, excerpt);
  }
  return { version: 1, events, screen: screen.join('\n'), raw: raw.join('') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const json = Buffer.from(JSON.stringify(realisticBody()));
  console.log(`body JSON: ${json.length} bytes`);
  for (const level of [3, 9, 12, 15, 19]) {
    compress(json, { compressionLevel: level });
    const runs = 5;
    const t0 = performance.now();
    let size = 0;
    for (let i = 0; i < runs; i++) size = compress(json, { compressionLevel: level }).length;
    const ms = (performance.now() - t0) / runs;
    const b64 = Math.ceil(size / 3) * 4;
    console.log(`level ${String(level).padStart(2)}: ${size} bytes zstd, ${b64} base64 (${((b64 / json.length) * 100).toFixed(1)}% of JSON), ${ms.toFixed(1)} ms`);
  }
}
