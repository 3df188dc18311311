import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readJournal } from '../../src/journal/reader.js';
import { readMeta } from '../../src/store/meta.js';
import { tempDir } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';
import { record } from './helpers.js';

const dirs: { cleanup: () => void }[] = [];
after(() => dirs.forEach((d) => d.cleanup()));
function temp(): string {
  const d = tempDir('aisess-journal-');
  dirs.push(d);
  return d.path;
}

describe('startRecording', () => {
  test('returns at once with a sortable id, then records every event with times from the injected clock', async () => {
    const root = temp();
    let clock = 5000;
    const { rec, warnings } = record(join(root, 'state'), root, { now: () => clock, captureInput: true });
    assert.match(rec.id, /^\d{8}-\d{6}-[0-9a-f]{6}$/);
    rec.output('hello\r\n');
    clock += 250.5;
    rec.input('y');
    clock += 1000;
    rec.resize(100, 30);
    rec.marker('prompt');
    rec.event('aisess.agent', { kind: 'prompt', text: 'fix ✓' });
    clock += 0.0004;
    await rec.close({ code: 3 });
    const path = await rec.ready;
    assert.equal(path, join(root, 'state', 'sessions', `${rec.id}.cast.zst`));
    const j = await readJournal(path!);
    assert.deepEqual(j.events, [
      { time: 0, code: 'o', data: 'hello\r\n' },
      { time: 0.2505, code: 'i', data: 'y' },
      { time: 1.2505, code: 'r', data: '100x30' },
      { time: 1.2505, code: 'm', data: 'prompt' },
      { time: 1.2505, code: 'aisess.agent', data: '{"kind":"prompt","text":"fix ✓"}' },
      { time: 1.2505, code: 'x', data: '3' },
    ]);
    assert.equal(j.complete, true);
    assert.equal(j.header.aisess.id, rec.id);
    assert.deepEqual(j.header.aisess.argv, ['sh']);
    const meta = await readMeta(join(root, 'state', 'sessions', `${rec.id}.json`));
    assert.equal(meta?.status, 'finished');
    assert.deepEqual(meta?.exit, { code: 3 });
    assert.equal(meta?.events, 6);
    assert.equal(meta?.duration, 1.2505);
    assert.equal(meta?.bytes, statSync(path!).size);
    assert.equal(meta?.endedAt, meta!.startedAt + 1251);
    assert.deepEqual(warnings, []);
  });

  test('flush() puts every event recorded so far on disk while the session goes on', async () => {
    const root = temp();
    const { rec } = record(join(root, 'state'), root);
    rec.output('before the commit\r\n');
    rec.event('aisess.worktree', { paths: [{ path: 'a.txt', blob: null, status: 'deleted' }] });
    await rec.flush();
    const mid = await readJournal((await rec.ready)!);
    assert.deepEqual(mid.events.map((e) => e.code), ['o', 'aisess.worktree']);
    assert.equal(mid.complete, false);
    await rec.close({ code: 0 });
  });

  test('input is not recorded unless asked for', async () => {
    const root = temp();
    const { rec } = record(join(root, 'state'), root);
    rec.input('secret\r');
    rec.output('ok');
    await rec.close({ signal: 'SIGTERM' });
    const j = await readJournal((await rec.ready)!);
    assert.deepEqual(j.events.map((e) => e.code), ['o', 'x']);
    assert.equal(j.events[1]!.data, '143');
    const meta = await readMeta(join(root, 'state', 'sessions', `${rec.id}.json`));
    assert.deepEqual(meta?.exit, { signal: 'SIGTERM' });
  });

  test('flushes on its own while running, so the file grows before close', async () => {
    const root = temp();
    const { rec } = record(join(root, 'state'), root);
    const path = (await rec.ready)!;
    rec.output('before any close');
    const j = await waitFor(async () => {
      const read = await readJournal(path);
      return read.events.length === 1 ? read : undefined;
    }, 'the timer flush');
    assert.equal(j.events[0]!.data, 'before any close');
    const meta = await readMeta(join(root, 'state', 'sessions', `${rec.id}.json`));
    assert.equal(meta?.status, 'running');
    assert.equal(meta?.owner.pid, process.pid);
    await rec.close({ code: 0 });
  });

  test('close is idempotent and later events are ignored', async () => {
    const root = temp();
    const { rec, warnings } = record(join(root, 'state'), root);
    rec.output('a');
    const first = rec.close({ code: 0 });
    rec.output('after close');
    await Promise.all([first, rec.close({ code: 1 })]);
    const j = await readJournal((await rec.ready)!);
    assert.deepEqual(j.events.map((e) => e.data), ['a', '0']);
    assert.deepEqual(warnings, []);
  });

  test('an unusable store gives exactly one warning, no throw, and a no-op recording', async () => {
    const root = temp();
    writeFileSync(join(root, 'file'), '');
    const { rec, warnings } = record(join(root, 'file', 'state'), root);
    rec.output('still fine');
    assert.equal(await rec.ready, null);
    rec.output('still fine after the failure');
    rec.resize(1, 1);
    await rec.close({ code: 0 });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /recording stopped \(.*ENOTDIR.*\); generic keeps running unrecorded/);
    assert.equal(existsSync(join(root, 'file', 'state')), false);
  });

  test('large output is written in order, intact', async () => {
    const root = temp();
    const { rec } = record(join(root, 'state'), root);
    const chunks = Array.from({ length: 200 }, (_, i) => `${i}:`.padEnd(8 * 1024, String.fromCharCode(97 + (i % 26))));
    for (const c of chunks) {
      rec.output(c);
      await new Promise((r) => setImmediate(r));
    }
    await rec.close({ code: 0 });
    const path = (await rec.ready)!;
    const j = await readJournal(path);
    assert.deepEqual(j.events.slice(0, -1).map((e) => e.data), chunks);
    assert.equal(readFileSync(path).length > 0, true);
  });
});
