import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { SecretSample } from '../../fixtures/secrets/generate.js';
import { decodeStream } from '../../src/record/decode.js';
import type { JournalEvent, JournalHeader } from '../../src/journal/events.js';
import { segmentRecord } from '../../src/record/body.js';
import { segmentSession } from '../../src/segment/segmenter.js';
import { carriers, findableIn, wraps } from './wraps.js';

const samples: SecretSample[] = JSON.parse(readFileSync(new URL('../../fixtures/secrets/corpus.json', import.meta.url), 'utf8'));

const header: JournalHeader = {
  version: 3,
  term: { cols: 120, rows: 40 },
  timestamp: 1_767_225_600,
  aisess: { format: 1, id: '20260101-000000-abcdef', agent: 'claude', argv: ['claude'], cwd: '/r', pid: 1, startedAt: 1_767_225_600_000, captureInput: false },
};
const commit = { id: 'c'.repeat(40), tree: 't'.repeat(40), patchId: 'p'.repeat(40), paths: ['a'] };

/**
 * One session per wrap: every sample drawn by CRLF rows, then by cursor-positioned rows, then in a
 * transcript line; a file change closes the segment. The record the compactor writes is decoded
 * (stream, screen text, events) and searched with lines joined and borders stripped.
 */
function session(wrap: (text: string, secret: string) => string[]): JournalEvent[] {
  const events: JournalEvent[] = [];
  let time = 1;
  for (const way of ['crlf', 'cursorRows', 'transcript'] as const) {
    for (const s of samples) {
      for (const [, code, data] of carriers[way]!(wrap(s.text, s.secret))) if (code !== 'r') events.push({ time: (time += 0.01), code, data });
    }
  }
  events.push({ time: time + 1, code: 'aisess.worktree', data: JSON.stringify({ paths: [{ path: 'a', blob: 'A1', status: 'modified' }] }) });
  return events;
}

describe('program-wrapped secrets through the compactor', () => {
  for (const [name, wrap] of Object.entries(wraps)) {
    it(`${name}: the note record holds no sample, decoded`, async () => {
      const [segment] = segmentSession(session(wrap)).segments;
      const record = await segmentRecord(segment!, { segment: 0, taken: ['a'], partial: [], conversation: false }, { header, commit, boundAt: 1, boundBy: null });
      const decoded = JSON.parse(JSON.stringify(record)) as typeof record;
      const stream = decodeStream(decoded.body).map((e) => e[2]);
      const texts = [stream.join(''), decoded.body.screen, ...decoded.body.events.map((e) => e[2])];
      assert.ok(stream.join('').includes('[REDACTED:'), 'the stream was kept');
      const find = findableIn(texts);
      const failed = samples.filter((s) => find(s.secret).length > 0).map((s) => s.kind);
      assert.deepEqual(failed, []);
    });
  }
});
