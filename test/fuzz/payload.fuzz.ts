/**
 * The layers under a note's payload line: Z85 text, zstd (capped), the JSON envelope. Lines are
 * forged with a correct hash, so the fuzz reaches the envelope parser instead of stopping at the
 * hash check, as an attacker's line would.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { compress, decompress } from 'zstd-napi';
import { decompressCapped, jsonDepthOver, LimitError } from '../../src/journal/bounded.js';
import { parseNote, renderNote } from '../../src/notes/codec.js';
import { decodePayloadLine, encodePayloadLine } from '../../src/notes/payload-line.js';
import { z85Decode, z85Encode } from '../../src/notes/z85.js';
import { damaged, damagedBytes, damagedJson } from './mutate.js';
import { asJson, record } from './records.js';
import { trial, type Trial } from './trial.js';

const DECODER = 'note payloads';

/** `aisess2 <id> <hash> <payload>` around any envelope text, hash and all correct. */
function forgedLine(id: string, envelope: string): string {
  const bytes = Buffer.from(envelope, 'utf8');
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `aisess2 ${id} ${hash} ${z85Encode(compress(bytes))}`;
}

const envelope = record().map((r) => JSON.stringify({ id: r.id, summary: r.summary, body: r.body }));
const hostileEnvelope = fc.oneof(
  damagedJson(envelope),
  envelope.map((e) => e.replace(/"(time|durationMs|files)":-?\d+/, (_, key: string) => `"${key}":1e400`)),
  envelope.map((e) => e.replace(/"time":-?\d+/, '"time":1e20')),
  fc.json(),
  fc.string(),
);
/** The id a forged line names: the envelope's own when it has a valid one. */
function idOf(envelopeText: string): string {
  const id = (/^\{"id":"([^"]+)"/.exec(envelopeText) ?? [])[1] ?? 'x';
  return /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/.test(id) ? id : 'x';
}
const realLine = record().map((r) => encodePayloadLine(r).line);

const zstdInput = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  damagedBytes(fc.string({ maxLength: 3000 }).map((s) => compress(Buffer.from(s)))),
  fc.string({ maxLength: 3000 }).map((s) => compress(Buffer.from(s))),
);

export const trials: Trial[] = [
  trial({ decoder: DECODER, target: 'decodePayloadLine (src/notes/payload-line.ts)', property: 'damaged lines: no throw; a failure names its reason', runs: 300 },
    damaged(realLine), (line) => {
      const d = decodePayloadLine(line);
      if (!d.ok) assert.ok(d.reason.length > 0);
    }),

  trial({ decoder: DECODER, target: 'decodePayloadLine (src/notes/payload-line.ts)', property: 'forged lines (correct hash, hostile envelope): no throw; a decoded record can be written back and read again', runs: 300 },
    hostileEnvelope, (text) => {
      const d = decodePayloadLine(forgedLine(idOf(text), text));
      if (!d.ok) return;
      const again = parseNote(renderNote([d.record]));
      assert.deepEqual(again.problems, []);
      assert.deepEqual(asJson(again.records), asJson([d.record]));
    }),

  trial({ decoder: DECODER, target: 'z85Decode / z85Encode (src/notes/z85.ts)', property: 'any text: no throw; bytes round-trip', runs: 500 },
    fc.tuple(fc.string({ unit: 'binary', maxLength: 60 }), fc.uint8Array({ maxLength: 60 })), ([text, bytes]) => {
      const d = z85Decode(text);
      assert.ok(d === null || Buffer.isBuffer(d));
      assert.deepEqual(z85Decode(z85Encode(bytes)), Buffer.from(bytes));
    }),

  trial({ decoder: DECODER, target: 'decompressCapped (src/notes/bounded.ts)', property: 'any bytes, any cap: never more than the cap; content over it is a LimitError, damage a plain Error', runs: 500 },
    fc.tuple(zstdInput, fc.integer({ min: 0, max: 4000 })), ([input, cap]) => {
      let truth: Buffer | null = null;
      try {
        // zstd-napi takes no input as no content; no frame is no payload (a payload field is never empty).
        if (input.length > 0) truth = decompress(input);
      } catch {
        // Not decodable whole: decompressCapped must fail too (checked below).
      }
      let out: Buffer;
      try {
        out = decompressCapped(input, cap);
      } catch (err) {
        assert.ok(err instanceof LimitError || (err as Error).constructor === Error, `threw ${String(err)}`);
        if (err instanceof LimitError) assert.ok(truth === null || truth.length > cap, `LimitError for ${truth?.length} bytes under a cap of ${cap}`);
        else assert.ok(truth === null || truth.length > cap, `decodable input refused: ${(err as Error).message}`);
        return;
      }
      assert.ok(out.length <= cap, `${out.length} bytes out with a cap of ${cap}`);
      if (truth) assert.deepEqual(out, truth);
    }),

  trial({ decoder: DECODER, target: 'jsonDepthOver (src/notes/bounded.ts)', property: 'agrees with the true nesting of any JSON; any text: no throw', runs: 500 },
    fc.tuple(fc.jsonValue({ maxDepth: 12 }), fc.nat(14), fc.string()), ([value, max, text]) => {
      assert.equal(jsonDepthOver(JSON.stringify(value), max), depth(value) > max);
      jsonDepthOver(text, max);
    }),
];

function depth(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depth));
}
