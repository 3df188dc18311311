import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SKIPPABLE_MAGIC } from '../../src/journal/block-frame.js';
import { encodeJournal, scanBlocks } from '../../src/journal/blocks.js';
import type { JournalEvent } from '../../src/journal/events.js';
import { decodeJournal } from '../../src/journal/reader.js';
import { sampleHeader } from './sample.js';

const batches: JournalEvent[][] = [
  [{ time: 0.1, code: 'o', data: 'first\r\n' }, { time: 0.2, code: 'r', data: '100x30' }],
  [{ time: 1.1, code: 'o', data: 'middle ✓\r\n' }, { time: 1.5, code: 'm', data: 'mark' }],
  [{ time: 2.25, code: 'o', data: 'last\r\n' }, { time: 2.5, code: 'x', data: '0' }],
];
const all = batches.flat();
const file = encodeJournal(sampleHeader, batches);
const blocks = scanBlocks(file).blocks;

describe('block framing', () => {
  test('an intact journal has a header block plus one block per batch, and no damage', () => {
    assert.equal(blocks.length, 4);
    const j = decodeJournal(file);
    assert.deepEqual(j.header, sampleHeader);
    assert.deepEqual(j.events, all);
    assert.equal(j.complete, true);
    assert.deepEqual(j.damage, []);
  });

  test('every block starts with a skippable frame carrying length and CRC', () => {
    for (const b of blocks) {
      assert.equal(file.readUInt32LE(b.offset), SKIPPABLE_MAGIC);
      assert.equal(file.readUInt32LE(b.offset + 4), 8);
      assert.equal(b.offset + 16 + file.readUInt32LE(b.offset + 8), b.end);
    }
  });

  test('truncation at every byte of the last block keeps all earlier events', () => {
    const last = blocks.at(-1)!;
    const earlier = batches.slice(0, -1).flat();
    for (let cut = last.offset; cut < last.end; cut++) {
      const j = decodeJournal(file.subarray(0, cut));
      assert.deepEqual(j.events, earlier, `cut at ${cut}`);
      assert.equal(j.complete, false);
      if (cut === last.offset) assert.deepEqual(j.damage, []);
      else assert.deepEqual(j.damage, [{ offset: last.offset, bytes: cut - last.offset, reason: 'truncated last block' }], `cut at ${cut}`);
      assert.equal(scanBlocks(file.subarray(0, cut)).goodEnd, last.offset);
    }
  });

  test('a corrupted byte in the middle block is reported and later blocks are still read', () => {
    const middle = blocks[2]!;
    for (let at = middle.offset; at < middle.end; at++) {
      const bad = Buffer.from(file);
      bad[at] = bad[at]! ^ 0x5a;
      const j = decodeJournal(bad);
      assert.deepEqual(j.events.map((e) => e.data), ['first\r\n', '100x30', 'last\r\n', '0'], `byte ${at}`);
      assert.equal(j.damage.length, 1, `byte ${at}: ${JSON.stringify(j.damage)}`);
      assert.equal(j.damage[0]!.offset, middle.offset);
      assert.equal(j.damage[0]!.bytes, middle.end - middle.offset);
    }
  });

  test('garbage between blocks is skipped and reported', () => {
    const cut = blocks[2]!.offset;
    const garbage = Buffer.from('garbage that is not a block');
    const j = decodeJournal(Buffer.concat([file.subarray(0, cut), garbage, file.subarray(cut)]));
    assert.equal(j.events.length, all.length);
    assert.deepEqual(j.damage, [{ offset: cut, bytes: garbage.length, reason: 'no block marker' }]);
  });

  test('an unreadable header block is an error', () => {
    const bad = Buffer.from(file);
    bad[20] = bad[20]! ^ 0xff;
    assert.throws(() => decodeJournal(bad), /header block is unreadable/);
  });
});
