/**
 * The journal event codec against golden fixtures: data as aisess journals it today, as older
 * versions wrote it, and damaged. `AISESS_UPDATE_GOLDEN=1` rewrites the file from today's decoders
 * (then read the diff: a changed decoding of an old journal is a compatibility break).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { agentData, agentKind, commitData, encodeEventData, eventAgo, pauseData, recoveredData, withPaths, worktreeData } from '../../src/journal/event-data.js';
import type { JournalEvent } from '../../src/journal/events.js';

const GOLDEN = new URL('../../fixtures/journal/event-data.golden.json', import.meta.url);
interface Golden {
  name: string;
  code: string;
  data: string;
  decoded: Record<string, unknown>;
}
const golden: Golden[] = JSON.parse(readFileSync(GOLDEN, 'utf8'));

function decodeAll(code: string, data: string): Record<string, unknown> {
  const e = (): JournalEvent => ({ time: 1, code, data });
  const all = { agent: agentData(e()), agentKind: agentKind(e()), worktree: worktreeData(e()), commit: commitData(e()), pause: pauseData(e()), recovered: recoveredData(e()), ago: eventAgo(e()) ?? null };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null));
}

if (process.env.AISESS_UPDATE_GOLDEN === '1') {
  writeFileSync(GOLDEN, `${JSON.stringify(golden.map((g) => ({ ...g, decoded: decodeAll(g.code, g.data) })), null, 2)}\n`);
}

describe('journal event codec: golden fixtures', () => {
  for (const g of golden) it(g.name, () => assert.deepEqual(decodeAll(g.code, g.data), g.decoded));
});

describe('journal event codec: round trips and damage', () => {
  it('what the encoder writes decodes to itself, for every kind', () => {
    const prompt = { kind: 'prompt' as const, text: 'ünïcødé "quoted"\n', ago: 0.5 };
    assert.deepEqual(agentData({ time: 0, code: 'aisess.agent', data: encodeEventData('aisess.agent', prompt) }), prompt);
    const change = { paths: [{ path: 'a b.ts', blob: 'b1', status: 'modified', before: null }], ago: 0.2 };
    assert.deepEqual(worktreeData({ time: 0, code: 'aisess.worktree', data: encodeEventData('aisess.worktree', change) }), change);
    const commit = { commit: 'c', parents: ['p'], tree: 't', ref: 'HEAD', worktree: null, amendOf: 'o' };
    assert.deepEqual(commitData({ time: 0, code: 'aisess.commit', data: encodeEventData('aisess.commit', commit) }), commit);
  });

  it('withPaths keeps the other fields of a change and only the paths asked for', () => {
    const e: JournalEvent = { time: 3, code: 'aisess.worktree', data: '{"paths":[{"path":"a","blob":"1"},{"path":"b","blob":"2"}],"ago":0.4}' };
    assert.deepEqual(worktreeData(withPaths(e, new Set(['b']))), { paths: [{ path: 'b', blob: '2', status: 'modified' }], ago: 0.4 });
  });

  it('agentKind is agentData()?.kind for any data (property: never throws, agrees)', () => {
    const json = fc.oneof(
      fc.json(),
      fc.record({ kind: fc.constantFrom('prompt', 'answer', 'transcript', 'model', 'x'), text: fc.oneof(fc.string(), fc.integer()), name: fc.string(), line: fc.string({ maxLength: 6000 }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(json, fc.nat({ max: 12 }), (data, cut) => {
        for (const d of [data, data.slice(0, data.length - cut)]) {
          const e = (): JournalEvent => ({ time: 0, code: 'aisess.agent', data: d });
          assert.equal(agentKind(e()), agentData(e())?.kind ?? null);
          worktreeData({ ...e(), code: 'aisess.worktree' });
          eventAgo(e());
        }
      }),
      { seed: 1206, numRuns: 1500 },
    );
  });
});
