import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encodeJournal, scanBlocks } from '../../src/journal/blocks.js';
import type { JournalEvent } from '../../src/journal/events.js';
import { decodeJournal } from '../../src/journal/reader.js';
import { recoverStale } from '../../src/store/recover.js';
import { readMeta, writeMeta, type SessionMeta } from '../../src/store/meta.js';
import { tempDir } from '../helpers/git.js';
import { sampleHeader } from '../journal/sample.js';

const dirs: { cleanup: () => void }[] = [];
after(() => dirs.forEach((d) => d.cleanup()));

const batches: JournalEvent[][] = [
  [{ time: 0.5, code: 'o', data: 'one\r\n' }],
  [{ time: 1.5, code: 'o', data: 'two\r\n' }],
  [{ time: 2.5, code: 'o', data: 'three\r\n' }],
];
const intact = encodeJournal(sampleHeader, batches);
const blocks = scanBlocks(intact).blocks;
const deadOwner = async (): Promise<boolean> => false;

async function staleSession(journal: Buffer | null, status: SessionMeta['status'] = 'running'): Promise<{ store: { dir: string }; path: string; id: string }> {
  const d = tempDir();
  dirs.push(d);
  const id = sampleHeader.aisess.id;
  mkdirSync(join(d.path, 'sessions'));
  const path = join(d.path, 'sessions', `${id}.cast.zst`);
  if (journal) writeFileSync(path, journal);
  const meta: SessionMeta = {
    format: 1, id, agent: 'claude', argv: ['claude'], cwd: '/w', owner: { pid: 1, host: 'h', bootId: null, procStart: null },
    startedAt: 1_000_000, endedAt: null, status, exit: null, bytes: 0, events: 0, duration: 0, journal: `${id}.cast.zst`,
  };
  await writeMeta(d.path, meta);
  return { store: { dir: d.path }, path, id };
}

async function settle(store: { dir: string }, id: string): Promise<SessionMeta> {
  const meta = await readMeta(join(store.dir, 'sessions', `${id}.json`));
  assert.ok(meta);
  return meta;
}

describe('recoverStale', () => {
  test('a truncated tail is cut off, a recovered event appended, and the file is a clean journal again', async () => {
    const cut = blocks.at(-1)!.offset + 7;
    const s = await staleSession(intact.subarray(0, cut));
    const done = await recoverStale(s.store, deadOwner);
    assert.deepEqual(done.map((r) => [r.id, r.status]), [[s.id, 'recovered']]);
    const j = decodeJournal(readFileSync(s.path));
    assert.deepEqual(j.damage, []);
    assert.deepEqual(j.events.slice(0, 2), batches.slice(0, 2).flat());
    assert.equal(j.events[2]!.code, 'aisess.recovered');
    assert.equal(j.events[2]!.time, 1.5);
    const meta = await settle(s.store, s.id);
    assert.equal(meta.status, 'recovered');
    assert.equal(meta.endedAt, 1_000_000 + 1500);
    assert.equal(meta.events, 3);
    assert.equal(meta.bytes, readFileSync(s.path).length);
    assert.match(meta.damage ?? '', /truncated last block/);
    execFileSync('zstd', ['-dc', s.path], { stdio: 'pipe' });
  });

  test('a journal whose exit was written is finished with that exit code', async () => {
    const s = await staleSession(encodeJournal(sampleHeader, [...batches, [{ time: 3, code: 'x', data: '2' }]]));
    await recoverStale(s.store, deadOwner);
    const meta = await settle(s.store, s.id);
    assert.equal(meta.status, 'finished');
    assert.deepEqual(meta.exit, { code: 2 });
    assert.equal(decodeJournal(readFileSync(s.path)).events.at(-1)!.code, 'x');
  });

  test('damage in the middle marks the session damaged, keeping what is readable', async () => {
    const bad = Buffer.from(intact);
    const at = blocks[2]!.offset + 20;
    bad[at] = bad[at]! ^ 0xff;
    const s = await staleSession(bad);
    await recoverStale(s.store, deadOwner);
    const meta = await settle(s.store, s.id);
    assert.equal(meta.status, 'damaged');
    assert.match(meta.damage ?? '', /checksum mismatch at byte \d+/);
    const j = decodeJournal(readFileSync(s.path));
    assert.deepEqual(j.events.map((e) => e.code), ['o', 'o', 'aisess.recovered']);
  });

  const hopeless = [
    { name: 'a missing journal', journal: null, reason: /journal file missing/ },
    { name: 'an unreadable header', journal: Buffer.from('not a journal'), reason: /header block is unreadable/ },
  ];
  for (const { name, journal, reason } of hopeless) {
    test(`${name} is marked damaged`, async () => {
      const s = await staleSession(journal);
        await recoverStale(s.store, deadOwner);
      const meta = await settle(s.store, s.id);
      assert.equal(meta.status, 'damaged');
      assert.match(meta.damage ?? '', reason);
    });
  }

  test('sessions whose owner lives, or that are not running, are left alone', async () => {
    const live = await staleSession(intact.subarray(0, blocks.at(-1)!.offset + 3));
    const ended = await staleSession(intact.subarray(0, blocks.at(-1)!.offset + 3), 'finished');
    assert.deepEqual(await recoverStale(live.store, async () => true), []);
    assert.deepEqual(await recoverStale(ended.store, deadOwner), []);
    assert.equal((await settle(live.store, live.id)).status, 'running');
    assert.equal(readFileSync(live.path).length, blocks.at(-1)!.offset + 3);
  });

  test('a missing store has nothing to recover', async () => {
    assert.deepEqual(await recoverStale({ dir: '/nonexistent/aisess' }, deadOwner), []);
  });
});
