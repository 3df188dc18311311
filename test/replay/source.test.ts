import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { compress } from 'zstd-napi';
import { UserError } from '../../src/errors/user-error.js';
import { encodeJournal, scanBlocks } from '../../src/journal/blocks.js';
import type { JournalEvent } from '../../src/journal/events.js';
import { parseCast } from '../../src/journal/cast-file.js';
import { loadFile } from '../../src/replay/source.js';
import { tempDir } from '../helpers/git.js';
import { sampleHeader } from '../journal/sample.js';

const dir = tempDir('aisess-replay-');
after(() => dir.cleanup());

describe('parseCast', () => {
  const rows: { name: string; text: string; term: [number, number]; events: JournalEvent[]; skipped?: RegExp[] }[] = [
    {
      name: 'v3: intervals become absolute times',
      text: '{"version":3,"term":{"cols":100,"rows":30}}\n[0.5,"o","a"]\n[1.25,"r","90x20"]\n[0,"m","x"]\n',
      term: [100, 30],
      events: [
        { time: 0.5, code: 'o', data: 'a' },
        { time: 1.75, code: 'r', data: '90x20' },
        { time: 1.75, code: 'm', data: 'x' },
      ],
    },
    {
      name: 'v3: comments and blank lines are skipped silently, bad lines are reported',
      text: '{"version":3,"term":{"cols":80,"rows":24}}\n# note\n\n[1,"o","a"]\n{oops\n[1,"o","b"]',
      term: [80, 24],
      events: [
        { time: 1, code: 'o', data: 'a' },
        { time: 2, code: 'o', data: 'b' },
      ],
      skipped: [/^line 5: not JSON/],
    },
    {
      name: 'v2: absolute times, width and height',
      text: '{"version":2,"width":132,"height":43,"timestamp":1}\n[0.5,"o","a"]\n[2,"o","b"]\n[2,"x"]\n',
      term: [132, 43],
      events: [
        { time: 0.5, code: 'o', data: 'a' },
        { time: 2, code: 'o', data: 'b' },
      ],
      skipped: [/^line 4: expected \[time, code, data\]/],
    },
    { name: 'header only', text: '{"version":3,"term":{"cols":80,"rows":24}}', term: [80, 24], events: [] },
    {
      // Found by the fuzz suite: a time of Infinity made the player wait forever (1 ms timer ticks and a warning each).
      name: 'v2: a time JSON reads as Infinity is a skipped line',
      text: '{"version":2,"width":80,"height":24}\n[1e400,"o","a"]\n[1,"o","b"]\n',
      term: [80, 24],
      events: [{ time: 1, code: 'o', data: 'b' }],
      skipped: [/^line 2: expected \[time, code, data\]/],
    },
    {
      name: 'v3: an interval that overflows is a skipped line',
      text: '{"version":3,"term":{"cols":80,"rows":24}}\n[1,"o","a"]\n[1e308,"o","b"]\n[1,"o","c"]\n',
      term: [80, 24],
      events: [{ time: 1, code: 'o', data: 'a' }, { time: 2, code: 'o', data: 'c' }],
      skipped: [/^line 3: interval out of range/],
    },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const cast = parseCast(row.text, 'f.cast');
      assert.deepEqual(cast.term, { cols: row.term[0], rows: row.term[1] });
      assert.deepEqual(cast.events, row.events);
      assert.equal(cast.skipped.length, row.skipped?.length ?? 0);
      row.skipped?.forEach((re, i) => assert.match(cast.skipped[i]!, re));
    });
  }

  const bad: { name: string; text: string }[] = [
    { name: 'empty file', text: '' },
    { name: 'not JSON', text: 'hello\n' },
    { name: 'v1 (one JSON document)', text: '{"version":1,"width":80,"height":24,"stdout":[]}' },
    { name: 'v3 without a size', text: '{"version":3,"term":{}}\n' },
    { name: 'v2 with a zero size', text: '{"version":2,"width":0,"height":24}\n' },
  ];
  for (const row of bad) {
    test(`rejects ${row.name} as badData`, () => {
      assert.throws(() => parseCast(row.text, 'f.cast'), (err: unknown) => {
        assert.ok(err instanceof UserError);
        assert.equal(err.kind, 'badData');
        assert.match(err.message, /^f\.cast is not a playable recording/);
        return true;
      });
    });
  }
});

describe('loadFile', () => {
  const events: JournalEvent[] = [
    { time: 0.1, code: 'o', data: 'one ✓\r\n' },
    { time: 0.2, code: 'aisess.agent', data: '{}' },
    { time: 1, code: 'o', data: 'two\r\n' },
    { time: 2, code: 'o', data: 'three\r\n' },
  ];
  const journal = encodeJournal(sampleHeader, [events.slice(0, 2), events.slice(2, 3), events.slice(3)]);

  test('a journal (.cast.zst) gives its header size and events', async () => {
    const path = join(dir.path, 'a.cast.zst');
    writeFileSync(path, journal);
    const p = await loadFile(path);
    assert.deepEqual(p.term, { cols: 80, rows: 24 });
    assert.deepEqual(p.events, events);
    assert.deepEqual(p.skipped, []);
  });

  test('a damaged journal keeps the readable part and says what was skipped', async () => {
    const middle = scanBlocks(journal).blocks[2]!;
    const damaged = Buffer.from(journal);
    damaged[middle.end - 3] = damaged[middle.end - 3]! ^ 0xff;
    const path = join(dir.path, 'damaged.cast.zst');
    writeFileSync(path, damaged);
    const p = await loadFile(path);
    assert.deepEqual(p.events.map((e) => e.data), ['one ✓\r\n', '{}', 'three\r\n']);
    assert.equal(p.skipped.length, 1);
    assert.match(p.skipped[0]!, new RegExp(`^${middle.end - middle.offset} bytes at offset ${middle.offset}: checksum mismatch`));
  });

  test('a journal whose header block is gone is badData', async () => {
    const path = join(dir.path, 'headless.cast.zst');
    const header = scanBlocks(journal).blocks[0]!;
    writeFileSync(path, Buffer.concat([Buffer.from(journal.subarray(0, 16)), Buffer.alloc(header.end - 16), journal.subarray(header.end)]));
    await assert.rejects(loadFile(path), (err: unknown) => err instanceof UserError && err.kind === 'badData');
  });

  test('a plain cast compressed by hand with zstd', async () => {
    const path = join(dir.path, 'hand.cast.zst');
    writeFileSync(path, compress(Buffer.from('{"version":3,"term":{"cols":80,"rows":24}}\n[1,"o","hi"]\n')));
    assert.deepEqual((await loadFile(path)).events, [{ time: 1, code: 'o', data: 'hi' }]);
  });

  test('a missing file is notFound', async () => {
    await assert.rejects(loadFile(join(dir.path, 'nope.cast')), (err: unknown) => err instanceof UserError && err.kind === 'notFound');
  });
});
