import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { UserError } from '../../src/errors/user-error.js';
import { newSessionId, SESSION_ID_PATTERN } from '../../src/store/id.js';
import { metaProblem, writeMeta, type SessionMeta } from '../../src/store/meta.js';
import { findSession, journalPath, lastSession, listDamaged, listSessions } from '../../src/store/sessions.js';
import { statusText } from '../../src/history/sessions-table.js';
import { formatDuration } from '../../src/text/duration.js';
import { formatSize } from '../../src/text/human.js';
import { tempDir } from '../helpers/git.js';

const dir = tempDir();
const store = { dir: dir.path };
after(() => dir.cleanup());

function meta(id: string, startedAt: number, extra: Partial<SessionMeta> = {}): SessionMeta {
  return {
    format: 1, id, agent: 'codex', argv: ['codex'], cwd: '/w', owner: { pid: 1, host: 'h', bootId: null, procStart: null },
    startedAt, endedAt: null, status: 'finished', exit: { code: 0 }, bytes: 10, events: 2, duration: 1, journal: `${id}.cast.zst`, ...extra,
  };
}

before(async () => {
  mkdirSync(join(store.dir, 'sessions'));
  await writeMeta(store.dir, meta('20261101-100000-aaaaaa', 1000));
  await writeMeta(store.dir, meta('20261102-100000-abbbbb', 2000));
  await writeMeta(store.dir, meta('20261103-100000-cccccc', 3000));
  writeFileSync(join(store.dir, 'sessions', 'junk.json'), '{not json');
  writeFileSync(join(store.dir, 'sessions', 'other.json'), '{"format": 9}');
});

describe('session store', () => {
  test('lists newest first, ignoring files that are not session metadata', async () => {
    assert.deepEqual((await listSessions(store)).map((m) => m.id), ['20261103-100000-cccccc', '20261102-100000-abbbbb', '20261101-100000-aaaaaa']);
  });

  test('a store that does not exist yet is empty', async () => {
    assert.deepEqual(await listSessions({ dir: join(store.dir, 'nope') }), []);
  });

  const finds = [
    { query: '20261102-100000-abbbbb', id: '20261102-100000-abbbbb' },
    { query: '20261103', id: '20261103-100000-cccccc' },
    { query: '20261101-100000-a', id: '20261101-100000-aaaaaa' },
  ];
  for (const { query, id } of finds) {
    test(`finds ${query}`, async () => assert.equal((await findSession(store, query)).id, id));
  }

  const misses = [
    { query: '2026', message: /ambiguous: 20261103-100000-cccccc, 20261102-100000-abbbbb, 20261101-100000-aaaaaa/, exit: 'usage' },
    { query: '2025', message: /no session '2025'/, exit: 'notFound' },
    { query: '', message: /no session ''/, exit: 'notFound' },
  ];
  for (const { query, message, exit } of misses) {
    test(`refuses '${query}'`, async () => {
      await assert.rejects(findSession(store, query), (err: unknown) => err instanceof UserError && message.test(err.message) && err.kind === exit);
    });
  }

  test('lastSession is the newest, and a user error when there is none', async () => {
    assert.equal((await lastSession(store)).id, '20261103-100000-cccccc');
    await assert.rejects(lastSession({ dir: join(store.dir, 'nope') }), /no session recorded yet/);
  });

  test('files that are not sound session metadata are listed as damaged, and finding one is a badData error', async () => {
    assert.deepEqual((await listDamaged(store)).map((d) => [d.id, d.problem]), [['other', 'unsupported format 9'], ['junk', 'not valid JSON']]);
    await assert.rejects(findSession(store, 'junk'), (err: unknown) => err instanceof UserError && err.kind === 'badData' && /metadata file .*junk\.json is damaged \(not valid JSON\)/.test(err.message));
  });

  test('journalPath is in the sessions directory', async () => {
    const m = await lastSession(store);
    assert.equal(journalPath(store, m), join(store.dir, 'sessions', '20261103-100000-cccccc.cast.zst'));
  });
});

describe('metadata checks', () => {
  const id = '20261101-100000-aaaaaa';
  const sound = meta(id, 1000) as unknown as Record<string, unknown>;
  const cases: { name: string; value: unknown; problem: string | null }[] = [
    { name: 'sound', value: sound, problem: null },
    { name: 'running with an owner', value: { ...sound, status: 'running' }, problem: null },
    { name: 'running without an owner', value: { ...sound, status: 'running', owner: undefined }, problem: "status 'running' with no valid owner" },
    { name: 'running with a broken owner', value: { ...sound, status: 'running', owner: { pid: 'x' } }, problem: "status 'running' with no valid owner" },
    { name: 'an array', value: [], problem: 'not a JSON object' },
    { name: 'no format', value: { ...sound, format: undefined }, problem: 'no format' },
    { name: 'a missing field', value: { ...sound, agent: undefined }, problem: 'missing or invalid field agent' },
    { name: 'an unknown status', value: { ...sound, status: 'paused' }, problem: 'missing or invalid field status' },
    { name: 'another id', value: { ...sound, id: 'x' }, problem: "its id is not its file name's" },
    { name: 'a journal path', value: { ...sound, journal: '../../x.cast.zst' }, problem: 'its journal is not a plain file name' },
    { name: 'a signal exit', value: { ...sound, exit: { signal: 'SIGKILL' } }, problem: null },
    // Found by the fuzz suite (test/fuzz/meta.fuzz.ts): these were sound, and `sessions` showed no status.
    { name: 'an empty exit', value: { ...sound, exit: {} }, problem: 'missing or invalid field exit' },
    { name: 'an exit code that is text', value: { ...sound, exit: { code: 'x' } }, problem: 'missing or invalid field exit' },
    { name: 'an exit signal that is a number', value: { ...sound, exit: { signal: 9 } }, problem: 'missing or invalid field exit' },
  ];
  for (const c of cases) test(`${c.name}: ${c.problem ?? 'sound'}`, () => assert.equal(metaProblem(c.value, id), c.problem));
});

describe('session ids', () => {
  test('are UTC date-time plus random hex, and sort by time', () => {
    const a = newSessionId(Date.UTC(2026, 10, 25, 13, 15, 2));
    assert.match(a, /^20261125-131502-[0-9a-f]{6}$/);
    assert.match(a, SESSION_ID_PATTERN);
    assert.ok(newSessionId(Date.UTC(2026, 10, 25, 13, 15, 3)) > a);
    assert.notEqual(newSessionId(0), newSessionId(0));
  });
});

describe('table cells', () => {
  const durations = [
    { s: 0, text: '0s' }, { s: 59.4, text: '59s' }, { s: 65, text: '1m05s' }, { s: 3600 + 120, text: '1h02m' },
  ];
  for (const { s, text } of durations) test(`duration ${s} → ${text}`, () => assert.equal(formatDuration(s * 1000), text));
  const sizes = [
    { b: 0, text: '0 B' }, { b: 1023, text: '1023 B' }, { b: 1536, text: '1.5 KB' }, { b: 50 * 1024, text: '50 KB' }, { b: 3 * 1024 ** 2, text: '3.0 MB' },
  ];
  for (const { b, text } of sizes) test(`size ${b} → ${text}`, () => assert.equal(formatSize(b), text));
  const statuses = [
    { m: meta('x', 0), text: 'exit 0' },
    { m: meta('x', 0, { exit: { signal: 'SIGHUP' } }), text: 'SIGHUP' },
    { m: meta('x', 0, { status: 'running', exit: null }), text: 'running' },
    { m: meta('x', 0, { status: 'recovered', exit: null }), text: 'recovered' },
    { m: meta('x', 0, { status: 'damaged', exit: null }), text: 'damaged' },
  ];
  for (const { m, text } of statuses) test(`status → ${text}`, () => assert.equal(statusText(m), text));
});
