/**
 * Real Codex 0.169 terminal streams (fixtures/real/screens, recorded by record-codex.mjs there against
 * a mock model): the whole session runs in the alternate screen and scrolls by redrawing rows. The
 * screen text must hold every turn's prompt and every line of its answer once, in order.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderScreenText, type StreamEvent } from '../../src/compact/screen.js';

const dir = new URL('../../fixtures/real/screens/', import.meta.url);
const load = (name: string): StreamEvent[] =>
  readFileSync(new URL(name, dir), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as StreamEvent);

/** The prompts and answer lines in the order the text holds them. */
function turnsIn(text: string): string[] {
  return [...text.matchAll(/Question number (\d) about|Answer (\d) line (\d+):/g)].map((m) => (m[1] ? `Q${m[1]}` : `A${m[2]}.${m[3]}`));
}
function expected(turns: number, lines: number): string[] {
  return Array.from({ length: turns }, (_, t) => [`Q${t + 1}`, ...Array.from({ length: lines }, (_, l) => `A${t + 1}.${l + 1}`)]).flat();
}

const fixtures = [
  { file: 'codex-0.169.0-8-turns-streamed.jsonl', what: 'answers longer than the screen, streamed while the spinner animates', lines: 24 },
  { file: 'codex-0.169.0-8-turns-animated-resize.jsonl', what: 'a resize to 100x24 after turn 4', lines: 9 },
];

for (const f of fixtures) {
  test(`real Codex 0.169, 8 turns at 120x20, ${f.what}: every prompt and answer line once, in order`, async () => {
    const { text } = await renderScreenText(load(f.file), { cols: 120, rows: 20 });
    assert.deepEqual(turnsIn(text), expected(8, f.lines));
    assert.match(text, /codex resume [0-9a-f-]{36}/, 'the main screen after the session is kept too');
  });
}
