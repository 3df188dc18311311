/**
 * A recording file given to `aisess replay` (or attach) may come from anyone: a zstd cast that
 * expands past what node could hold, or a journal block that does, is reported and skipped, with
 * memory bounded. Before, both were decompressed whole, without a limit.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { crc32 } from 'node:zlib';
import { SKIPPABLE_MAGIC } from '../../src/journal/block-frame.js';
import { encodeJournal } from '../../src/journal/blocks.js';
import type { JournalHeader } from '../../src/journal/events.js';
import { tempDir } from '../helpers/git.js';
import { measuredCli } from '../helpers/measure.js';
import { zeroBomb } from '../helpers/zstd-bomb.js';

const dir = tempDir('aisess-recording-bombs-');
after(dir.cleanup);
/** Peak RSS: what the cap lets a decoder hold, plus node's own. */
const rssCapKb = (capMb: number): number => (capMb + 150) * 1024;
const env = { ...process.env, AISESS_STATE_DIR: join(dir.path, 'state') };

/** A block as the writer frames it (src/journal/blocks.ts), around any zstd frame. */
function block(frame: Buffer): Buffer {
  const marker = Buffer.alloc(16);
  marker.writeUInt32LE(SKIPPABLE_MAGIC, 0);
  marker.writeUInt32LE(8, 4);
  marker.writeUInt32LE(frame.length, 8);
  marker.writeUInt32LE(crc32(frame), 12);
  return Buffer.concat([marker, frame]);
}

for (const declare of [true, false]) {
  test(`a zstd cast expanding to 600 MB, over the 256 MB cap, (${declare ? 'declared' : 'undeclared'} size) is refused with one clear error, memory bounded`, () => {
    const file = join(dir.path, `bomb-${declare}.cast.zst`);
    writeFileSync(file, zeroBomb(600 * 1024 ** 2, declare));
    const r = measuredCli(['replay', '--instant', file], { cwd: dir.path, env, timeout: 120_000 });
    assert.equal(r.status, 65, r.stderr);
    assert.match(r.stderr, /bomb-(true|false)\.cast\.zst is too large: it (declares \d+ bytes, over|decompresses to more than) the limit of 268435456/);
    assert.doesNotMatch(r.stderr, /internal error|    at /);
    assert.ok(r.rssKb < rssCapKb(256), `peaked at ${r.rssKb} KB`);
  });
}

test('a journal block expanding past 64 MB is a damaged block: skipped, named, the rest plays', () => {
  const header: JournalHeader = {
    version: 3, term: { cols: 80, rows: 24 }, timestamp: 1_767_225_600,
    aisess: { format: 1, id: '20260101-000000-bombed', agent: 'sh', argv: ['sh'], cwd: '/', pid: 1, startedAt: 1_767_225_600_000, captureInput: false },
  };
  const good = encodeJournal(header, [[{ time: 0, code: 'o', data: 'before\r\n' }]]);
  const later = encodeJournal(header, [[{ time: 1, code: 'o', data: 'after\r\n' }]]);
  // The later journal's first block is its header: only its event block goes after the bomb.
  const file = join(dir.path, 'bombed.cast.zst');
  const afterBlocks = later.subarray(later.indexOf(Buffer.from([0x5a, 0x2a, 0x4d, 0x18]), 16));
  writeFileSync(file, Buffer.concat([good, block(zeroBomb(200 * 1024 ** 2, false)), afterBlocks]));
  const r = measuredCli(['replay', '--instant', file], { cwd: dir.path, env, timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^before\r\n/);
  assert.match(r.stderr, /skipped unreadable data \(\d+ bytes at offset \d+: undecodable block: decompresses to more than the limit of 67108864 bytes \(a journal block\)\)/);
  assert.ok(r.rssKb < rssCapKb(64), `peaked at ${r.rssKb} KB`);
});
