/**
 * What replay reads from outside: keys from the terminal (which also types the answers to queries a
 * played stream may have asked) and asciicast files someone sent.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { UserError } from '../../src/errors/user-error.js';
import { parseCast } from '../../src/journal/cast-file.js';
import { InputParser } from '../../src/replay/input-parser.js';
import type { PlayerCommand } from '../../src/replay/keys.js';
import { damaged, damagedJson } from './mutate.js';
import { trial, type Trial } from './trial.js';

const ESC = '\x1b';
/** Characters that start a sequence on their own (ESC and the C1 introducers): never plain keys. */
const INTRODUCERS = new Set([ESC, '\x9b', '\x8f', '\x9d', '\x90', '\x98', '\x9e', '\x9f']);
const plainKey = fc.oneof(
  fc.constantFrom(' ', '.', ']', '+', '=', '-', 'q', 'Q', '\x03', 'a', '1', '[', 'é', '🎉', '\r', '\x7f'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
).filter((k) => !INTRODUCERS.has(k));

const range = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
/** A string body: anything but what ends or aborts it (BEL, ESC, ST). */
const stringBody = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\x07\x1b\x9c]/g, ''));
const csi = fc.tuple(fc.constantFrom(`${ESC}[`, '\x9b'), fc.array(range(0x30, 0x3f), { maxLength: 12 }), fc.array(range(0x20, 0x2f), { maxLength: 2 }), range(0x40, 0x7e))
  .filter(([, p, i, f]) => !['200~', 'M'].includes(p.join('') + i.join('') + f))
  .map(([start, p, i, f]) => `${start}${p.join('')}${i.join('')}${f}`);
/** What a terminal types on its own, or a key it sends as a sequence: never a player command. */
const sequence = fc.oneof(
  csi,
  fc.constantFrom(`${ESC}[12;40R`, `${ESC}[?1;2c`, `${ESC}[>0;276;0c`, `${ESC}]11;rgb:1e1e/1e1e/2e2e${ESC}\\`, `${ESC}]10;rgb:ffff/ffff/ffff\x07`,
    `${ESC}P1+r736574726762=1${ESC}\\`, `${ESC}[8;24;80t`, `${ESC}OA`, `${ESC}Oq`, `${ESC}[A`, `${ESC}[1;5C`, `${ESC}q`, `${ESC} q`),
  fc.tuple(fc.constantFrom(`${ESC}]`, `${ESC}P`, `${ESC}_`, `${ESC}^`, `${ESC}X`, '\x9d', '\x90', '\x9f'), stringBody, fc.constantFrom('\x07', `${ESC}\\`, '\x9c'))
    .map((parts) => parts.join('')),
  stringBody.map((s) => `${ESC}[200~${s}${ESC}[201~`),
  fc.tuple(range(0x20, 0xff), range(0x20, 0xff), range(0x20, 0xff)).map((b) => `${ESC}[M${b.join('')}`),
  fc.tuple(fc.constantFrom(`${ESC}O`, '\x8f'), plainKey).map(([s, k]) => `${s}${k}`),
);

function commandsOf(keys: string): PlayerCommand[] {
  return new InputParser().push(keys);
}

/** `text` cut at `cuts` (fractions of its length, in code points). */
function split(text: string, cuts: number[]): string[] {
  const chars = [...text];
  const at = [...new Set(cuts.map((f) => Math.floor(f * chars.length)))].sort((a, b) => a - b);
  return [...at, chars.length].map((end, i) => chars.slice(i === 0 ? 0 : at[i - 1], end).join(''));
}

const castDir = join(import.meta.dirname, '..', '..', 'fixtures', 'real');
/** Real journals as asciicast v3 files (header, then each event's time used as its interval) and v2. */
const casts = readdirSync(castDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => /journals\/\d+\.jsonl$/.test(f)).slice(0, 6)
  .flatMap((f) => {
    const [head, ...lines] = readFileSync(join(castDir, f), 'utf8').split('\n').filter((l) => l !== '').slice(0, 60);
    const term = (JSON.parse(head!) as { term: { cols: number; rows: number } }).term;
    return [[head!, ...lines].join('\n'), [JSON.stringify({ version: 2, width: term.cols, height: term.rows }), ...lines].join('\n')];
  });
const castText = fc.oneof(
  damaged(fc.constantFrom(...casts)),
  fc.tuple(fc.constantFrom(...casts), fc.nat(), damagedJson(fc.constantFrom('[0.5,"o","hello"]', '[1,"r","80x24"]'))).map(([cast, at, bad]) => {
    const lines = cast.split('\n');
    lines.splice(1 + (at % lines.length), 0, bad);
    return lines.join('\n');
  }),
  fc.string(),
);

export const trials: Trial[] = [
  trial({ decoder: 'terminal input during replay', target: 'InputParser.push (src/replay/input-parser.ts)', property: 'any bytes in any chunks: no throw; the commands are those of the whole input at once', runs: 500 },
    fc.tuple(fc.array(fc.oneof(plainKey, sequence, fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(ESC, '\x9b', `${ESC}[`, `${ESC}]`, `${ESC}[200~`, `${ESC}[M`)), { maxLength: 20 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 })),
    ([pieces, cuts]) => {
      const text = pieces.join('');
      const parser = new InputParser();
      assert.deepEqual(split(text, cuts).flatMap((chunk) => parser.push(chunk)), commandsOf(text));
    }),

  trial({ decoder: 'terminal input during replay', target: 'InputParser.push (src/replay/input-parser.ts)', property: 'terminal answers, pastes, mouse reports and key sequences between keys: only the keys outside them are commands, however split', runs: 500 },
    fc.tuple(fc.array(fc.tuple(fc.array(plainKey, { maxLength: 3 }), sequence), { maxLength: 8 }), fc.array(plainKey, { maxLength: 3 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 })),
    ([runs, last, cuts]) => {
      const keys = [...runs.flatMap(([k]) => k), ...last].join('');
      const text = runs.map(([k, seq]) => k.join('') + seq).join('') + last.join('');
      const parser = new InputParser();
      assert.deepEqual(split(text, cuts).flatMap((chunk) => parser.push(chunk)), commandsOf(keys), JSON.stringify(text));
    }),

  trial({ decoder: 'asciicast files', target: 'parseCast (src/journal/cast-file.ts)', property: 'any file: events with finite times and string data, or a UserError; bad lines reported', runs: 300 },
    castText, (text) => {
      let cast: ReturnType<typeof parseCast>;
      try {
        cast = parseCast(text, 'f.cast');
      } catch (err) {
        assert.ok(err instanceof UserError, String(err));
        return;
      }
      assert.ok(Number.isInteger(cast.term.cols) && cast.term.cols > 0 && Number.isInteger(cast.term.rows) && cast.term.rows > 0);
      for (const e of cast.events) assert.ok(Number.isFinite(e.time) && typeof e.code === 'string' && typeof e.data === 'string', JSON.stringify(e));
      for (const s of cast.skipped) assert.match(s, /^line \d+: /);
    }),
];
