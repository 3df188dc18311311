import assert from 'node:assert/strict';
import { test } from 'node:test';
import { castOf, encodeV2, encodeV3, label } from '../../src/export/asciicast.js';
import { parseCast } from '../../src/journal/cast-file.js';
import { sampleDocument } from './sample.js';

test('one cast from every segment: starting at 0, markers at segments and prompts, only o/r/m, output filtered', () => {
  const cast = castOf(sampleDocument());
  assert.deepEqual(cast.term, { cols: 80, rows: 24 });
  assert.equal(cast.events[0]!.time, 0);
  assert.deepEqual(cast.events.filter((e) => e.code === 'm').map((e) => [e.time, e.data]), [
    [0, `${'c'.repeat(12)} segment 1/2: fix \`it\` \`\`\`\` </script><script>alert(1)</scri…`],
    [0, '❯ fix `it` ```` </script><script>alert(1)</script> ^[]52;c;ZXZpbA==^G <…'],
    [5, `${'c'.repeat(12)} segment 2/2: second`],
    [5, '❯ second'],
  ]);
  assert.deepEqual(cast.marks, [{ time: 0, segment: 0, prompt: null }, { time: 0, segment: 0, prompt: 0 }, { time: 5, segment: 1, prompt: null }, { time: 5, segment: 1, prompt: 0 }]);
  assert.deepEqual(cast.events.filter((e) => e.code !== 'm').map((e) => [e.time, e.code, e.data]), [
    [0.5, 'o', 'hello \x1b[1mworld\x1b[0m\r\n'],
    [2, 'o', 'bye\r\n'],
    [5.5, 'o', 'two\r\n'],
    [6, 'r', '100x30'],
  ]);
});

test('v3 and v2 encode the same events, and read back as they were', () => {
  const cast = castOf(sampleDocument());
  for (const [text, version] of [[encodeV3(cast), 3], [encodeV2(cast), 2]] as const) {
    const header = JSON.parse(text.slice(0, text.indexOf('\n')));
    assert.equal(header.version, version);
    assert.equal(header.timestamp, Math.floor(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000));
    const back = parseCast(text, 'x');
    assert.deepEqual(back.skipped, []);
    assert.deepEqual(back.term, { cols: 80, rows: 24 });
    assert.deepEqual(back.events.map((e) => [Math.round(e.time * 1e6) / 1e6, e.code, e.data]), cast.events.map((e) => [e.time, e.code, e.data]));
  }
});

test('labels: one line of safe text, at most 72 characters', () => {
  assert.equal(label('a\nb\tc  d\x1b[2J'), 'a b c d^[[2J');
  assert.equal([...label('x'.repeat(100))].length, 72);
  assert.equal(label('\u202eevil'), '\\u202eevil');
});
