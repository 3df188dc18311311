import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type * as ZstdBinding from 'zstd-napi/binding.js';
import { framed, storedBlock, storedFrame } from '../../src/journal/block-frame.js';
import { encodeBlock, scanBlocks } from '../../src/journal/blocks.js';
import { decompressCapped, LimitError } from '../../src/journal/bounded.js';

const zstd = createRequire(import.meta.url)('zstd-napi/binding.js') as typeof ZstdBinding;

describe('stored zstd frames', () => {
  test('any bytes, across raw-block boundaries, decode to themselves with zstd, declaring their size', () => {
    const sizes = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(131_071, 131_072, 131_073, 262_144, 262_145), fc.integer({ min: 0, max: 400_000 }));
    fc.assert(fc.property(sizes, fc.integer(), (size, seed) => {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (seed + i * 7919) & 0xff;
      const frame = storedFrame(bytes);
      assert.equal(zstd.getFrameContentSize(frame), size);
      assert.equal(zstd.findFrameCompressedSize(frame), frame.length);
      assert.deepEqual(decompressCapped(frame, size), bytes);
    }), { numRuns: 60 });
  });

  test('the size cap of the bounded decoder holds for them too', () => {
    assert.throws(() => decompressCapped(storedFrame(Buffer.alloc(1000)), 999), LimitError);
  });

  test('a stored block reads back as a compressed one does, marker and CRC included', () => {
    const text = '{"version":3}\n[0.5,"o","héllo ✓"]\n';
    const blocks = Buffer.concat([storedBlock(text), encodeBlock(text), storedBlock(Buffer.from(text))]);
    const scan = scanBlocks(blocks);
    assert.deepEqual(scan.damage, []);
    assert.deepEqual(scan.blocks.map((b) => b.text), [text, text, text]);
    assert.equal(scan.goodEnd, blocks.length);
  });

  test('a flipped byte in a stored block is damage, and the blocks around it still read', () => {
    const a = storedBlock('first\n');
    const b = storedBlock('second\n');
    const c = storedBlock('third\n');
    b.writeUInt8(b.readUInt8(b.length - 2) ^ 1, b.length - 2);
    const scan = scanBlocks(Buffer.concat([a, b, c]));
    assert.deepEqual(scan.blocks.map((x) => x.text), ['first\n', 'third\n']);
    assert.deepEqual(scan.damage.map((d) => d.reason), ['checksum mismatch']);
  });

  test('framed() is the marker scanBlocks expects around any frame', () => {
    const frame = storedFrame(Buffer.from('x\n'));
    assert.deepEqual(scanBlocks(framed(frame)).blocks.map((b) => b.text), ['x\n']);
  });
});
