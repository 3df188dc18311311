import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { BlockEncoder, STORED_BYTES, WORKER_ROLE, encodeBatch, encodeText, type Batch } from '../../src/journal/block-worker.js';
import { scanBlocks } from '../../src/journal/blocks.js';
import { EventDecoder } from '../../src/journal/codec.js';
import type { JournalEvent } from '../../src/journal/events.js';
import { moduleUrl, workerSource } from '../helpers/compiled.js';

const tsxWorker = (): Worker => new Worker(workerSource(moduleUrl('../../src/journal/block-worker.ts', import.meta.url)), { eval: true, workerData: WORKER_ROLE });

function batch(n: number, prevSeconds: number, size: number): Batch {
  const times = Array.from({ length: n }, (_, i) => prevSeconds + i * 0.0015);
  const data = times.map((_, i) => `${i} \x1b[32mok\x1b[0m héllo ✓ "q" \\ ${'x'.repeat(size)}\r\n`);
  return { times, codes: data.map((_, i) => (i % 7 === 6 ? 'aisess.agent' : 'o')), data, prevSeconds };
}

function decode(block: Buffer, startSeconds: number): JournalEvent[] {
  const scan = scanBlocks(block);
  assert.deepEqual(scan.damage, []);
  const events: JournalEvent[] = [];
  new EventDecoder(startSeconds).decode(scan.blocks.map((b) => b.text).join(''), events);
  return events;
}

describe('BlockEncoder', () => {
  test('a batch goes to the worker and comes back byte for byte as encoded in place', async () => {
    const encoder = new BlockEncoder(tsxWorker, 0);
    try {
      const big = batch(400, 12.25, 200);
      const block = await encoder.encode(big);
      assert.equal(encoder.byWorker, 1);
      assert.deepEqual(block, await encodeBatch(big));
      const events = decode(block, big.prevSeconds);
      assert.deepEqual(events.map((e) => e.data), big.data);
      assert.deepEqual(events.map((e) => e.code), big.codes);
      assert.deepEqual(events.map((e) => Math.round(e.time * 1e6)), big.times.map((t) => Math.round(t * 1e6)));
    } finally {
      encoder.close();
    }
  });

  test('the built worker (dist/block-worker.cjs, what the CLI bundle starts) encodes as in place', async () => {
    const dist = new URL('../../dist/', import.meta.url);
    // The CLI bundle names the small bundle, not itself: loading 700 KB again cost every `aisess run` ~20 ms of CPU.
    assert.match(readFileSync(new URL('cli.cjs', dist), 'utf8'), /"\.\/block-worker\.cjs"/);
    const encoder = new BlockEncoder(() => new Worker(new URL('block-worker.cjs', dist), { workerData: WORKER_ROLE }), 0);
    try {
      const big = batch(400, 3.5, 200);
      assert.deepEqual(await encoder.encode(big), await encodeBatch(big));
      assert.equal(encoder.byWorker, 1);
    } finally {
      encoder.close();
    }
  });

  test('a session\'s first bytes are stored uncompressed in place (no thread, no zstd); past the limit everything goes to the worker', async () => {
    let started = 0;
    const encoder = new BlockEncoder(() => (started++, tsxWorker()));
    try {
      const header = '{"version":3}\n';
      const headerBlock = await encoder.encodeText(header);
      assert.equal(scanBlocks(headerBlock).blocks[0]!.text, header);
      const small = batch(3, 0, 10);
      const smallBlock = await encoder.encode(small);
      assert.deepEqual(decode(smallBlock, 0).map((e) => e.data), small.data);
      // Stored: the frame holds the lines as they are.
      assert.ok(smallBlock.includes(Buffer.from(JSON.stringify(small.data[0]))));
      assert.equal(started, 0);
      assert.equal(encoder.byWorker, 0);
      // Over the limit: compressed by the worker, and so is a small batch after it.
      const big = batch(Math.ceil(STORED_BYTES / 200), 1, 200);
      assert.deepEqual(await encoder.encode(big), await encodeBatch(big));
      assert.deepEqual(await encoder.encode(small), await encodeBatch(small));
      assert.equal(started, 1);
      assert.equal(encoder.byWorker, 2);
    } finally {
      encoder.close();
    }
  });

  test('after close() all is encoded in place', async () => {
    const encoder = new BlockEncoder(tsxWorker, 0);
    const small = batch(3, 0, 10);
    assert.deepEqual(await encoder.encode(small), await encodeBatch(small));
    assert.equal(encoder.byWorker, 1);
    encoder.close();
    const big = batch(400, 1, 200);
    assert.deepEqual(await encoder.encode(big), await encodeBatch(big));
    assert.equal(encoder.byWorker, 1);
  });

  test('batches in a row continue the times where the previous one stopped, stored or compressed', async () => {
    const encoder = new BlockEncoder(tsxWorker, 200_000);
    try {
      const first = batch(300, 0, 150);
      const last = first.times[first.times.length - 1]!;
      const second = batch(300, last, 150);
      const blocks = [await encoder.encode(first), await encoder.encode(second)];
      assert.equal(encoder.byWorker, 1);
      const events = decode(Buffer.concat(blocks), 0);
      assert.equal(events.length, 600);
      assert.equal(Math.round(events[599]!.time * 1e6), Math.round(second.times[299]! * 1e6));
    } finally {
      encoder.close();
    }
  });

  test('a worker that dies under a batch costs nothing: the batch is encoded in place', async () => {
    const encoder = new BlockEncoder(() => new Worker('process.exit(3)', { eval: true }), 0);
    const big = batch(400, 0, 200);
    assert.deepEqual(await encoder.encode(big), await encodeBatch(big));
    assert.deepEqual(await encoder.encode(big), await encodeBatch(big));
    assert.equal(encoder.byWorker, 0);
  });
});
