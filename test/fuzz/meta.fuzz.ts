/**
 * Session metadata files (`<store>/sessions/<id>.json`): written by aisess, but also by older or
 * newer versions, by hand, or cut short by a crash. metaProblem decides whether one can be trusted;
 * what it lets through must be usable by `aisess sessions` and recovery.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { metaProblem, type SessionMeta } from '../../src/store/meta.js';
import { formatTable, sessionRow } from '../../src/history/sessions-table.js';
import { damagedJson } from './mutate.js';
import { trial, type Trial } from './trial.js';

const ID = '20261206-081231-85d140';
const sound: SessionMeta = {
  format: 1, id: ID, agent: 'claude', argv: ['claude', '--permission-mode', 'acceptEdits'], cwd: '/tmp/aisess-repo',
  owner: { pid: 16121, host: 'h', bootId: 'b', procStart: '123' }, startedAt: 1796544751385, endedAt: 1796544800000,
  status: 'finished', exit: { code: 0 }, bytes: 4096, events: 120, duration: 48.6, journal: `${ID}.cast.zst`,
};
const metas = fc.constantFrom(
  JSON.stringify(sound),
  JSON.stringify({ ...sound, status: 'running', endedAt: null, exit: null }),
  JSON.stringify({ ...sound, status: 'damaged', exit: { signal: 'SIGKILL' }, damage: 'checksum mismatch at byte 10 (5 bytes)' }),
);

/** One top-level field (or one of the owner's, or the exit's) given any JSON value. */
const oneFieldSwapped = fc.tuple(metas, fc.constantFrom(...Object.keys(sound), 'owner.pid', 'owner.host', 'exit.code', 'exit.signal'), fc.jsonValue({ maxDepth: 2 }))
  .map(([text, key, value]) => {
    const meta = JSON.parse(text) as Record<string, unknown>;
    const [outer, inner] = key.split('.') as [string, string | undefined];
    if (inner === undefined) meta[outer] = value;
    else meta[outer] = { ...(meta[outer] as object | null), [inner]: value };
    return JSON.stringify(meta);
  });

export const trials: Trial[] = [
  trial({ decoder: 'session metadata', target: 'metaProblem (src/store/meta.ts) → sessionRow (src/history/sessions-table.ts)', property: 'any JSON: no throw; a file it calls sound lists as a row of strings', runs: 500 },
    fc.oneof(damagedJson(metas, 3), fc.json(), metas, oneFieldSwapped).map((t) => JSON.parse(t) as unknown), (value) => {
      const problem = metaProblem(value, ID);
      if (problem !== null) {
        assert.ok(typeof problem === 'string' && problem.length > 0);
        return;
      }
      const meta = value as SessionMeta;
      const row = sessionRow(meta, 1796544900000);
      for (const cell of row) assert.equal(typeof cell, 'string', `row ${JSON.stringify(row)} of ${JSON.stringify(meta).slice(0, 300)}`);
      formatTable([row]);
    }),
];
