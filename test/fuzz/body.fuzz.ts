/**
 * A record's body (any JSON the payload held) as show and replay read it: segmentView, and the
 * encoded stream inside it (src/compact/stream-codec.ts).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeEncodedStream, encodeStream } from '../../src/compact/stream-codec.js';
import { segmentView } from '../../src/history/segment-view.js';
import { damagedJson } from './mutate.js';
import { asJson, body, streamEvents, summary } from './records.js';
import { trial, type Trial } from './trial.js';

const DECODER = 'note bodies';
/** Bodies as JSON.parse gives them: any shape, damaged segment bodies, streams with wrong marks. */
const hostileBody = fc.oneof(
  body,
  // Nesting stays within what a payload may hold (MAX_JSON_DEPTH): deeper envelopes never decode.
  damagedJson(body.map((b) => JSON.stringify(b) ?? 'null'), 2).map((t) => JSON.parse(t) as unknown),
  fc.record({ stream: fc.record({ t0: fc.double(), marks: fc.array(fc.oneof(fc.double(), fc.jsonValue())), out: fc.string(), sizes: fc.array(fc.jsonValue()) }) }),
).map((b) => asJson(b ?? null)).chain((b) => fc.oneof(fc.constant(b), infinite(b)));

/** JSON.parse reads 1e400 as Infinity: the body with its first number so read. */
function infinite(b: unknown): fc.Arbitrary<unknown> {
  const text = JSON.stringify(b);
  return fc.constant(/-?\d/.test(text) ? JSON.parse(text.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/i, '1e400')) as unknown : { lead: [[1e400, 'aisess.agent', '{}']] });
}

export const trials: Trial[] = [
  trial({ decoder: DECODER, target: 'segmentView (src/history/segment-view.ts)', property: 'any body: no throw; events are [finite time, code, string data]', runs: 400 },
    fc.tuple(hostileBody, summary()), ([b, s]) => {
      const view = segmentView({ id: 'r', summary: s, body: b });
      // Order is the note's business (players never wait for a step back); a time that is not finite is a wait forever.
      for (const e of view.events) {
        assert.ok(Number.isFinite(e[0]) && typeof e[1] === 'string' && typeof e[2] === 'string', `event ${JSON.stringify(e)}`);
      }
      // Lead events only name the session, model and prompt a segment continues: their times are never read.
      for (const e of view.lead ?? []) assert.ok(typeof e[0] === 'number' && typeof e[1] === 'string' && typeof e[2] === 'string');
      assert.ok(Number.isInteger(view.term.cols) && view.term.cols > 0 && Number.isInteger(view.term.rows) && view.term.rows > 0);
      for (const p of view.paths) assert.equal(typeof p.path, 'string');
    }),

  trial({ decoder: DECODER, target: 'encodeStream → decodeEncodedStream (src/compact/stream-codec.ts)', property: 'round trip: output and resizes come back, times to the millisecond', runs: 400 },
    streamEvents, (events) => {
      const back = decodeEncodedStream(encodeStream(events));
      assert.deepEqual(back, events.map(([t, code, data]) => [Math.round(t * 1000) / 1000, code, data]));
    }),
];
