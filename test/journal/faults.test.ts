import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readJournal } from '../../src/journal/reader.js';
import { tempDir } from '../helpers/git.js';
import { mountTmpfs, record } from './helpers.js';

describe('recording on a failing disk', () => {
  test('a read-only file system: one warning, no throw, the agent side keeps working', async (t) => {
    const fs = mountTmpfs('ro,size=64k');
    const cwd = tempDir();
    t.after(() => {
      fs.cleanup();
      cwd.cleanup();
    });
    const { rec, warnings } = record(join(fs.path, 'state'), cwd.path);
    rec.output('x');
    assert.equal(await rec.ready, null);
    rec.output('y');
    await rec.close({ code: 0 });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /EROFS/);
  });

  test('a full disk (ENOSPC) mid-session: one warning, no throw, the readable prefix survives', async (t) => {
    const fs = mountTmpfs('size=64k');
    const cwd = tempDir();
    t.after(() => {
      fs.cleanup();
      cwd.cleanup();
    });
    const { rec, warnings } = record(join(fs.path, 'state'), cwd.path);
    const path = await rec.ready;
    assert.ok(path, `recording started: ${warnings.join()}`);
    // Incompressible output: 2 MB cannot fit in 64 KB, so a write fails with ENOSPC.
    const chunks: string[] = [];
    for (let i = 0; i < 64; i++) {
      const chunk = `${i}:${randomBytes(24 * 1024).toString('latin1')}`;
      chunks.push(chunk);
      rec.output(chunk);
      await new Promise((r) => setImmediate(r));
    }
    await rec.close({ code: 0 });
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /ENOSPC/);
    const j = await readJournal(path);
    assert.equal(j.complete, false);
    assert.ok(j.events.length < chunks.length);
    assert.deepEqual(j.events.map((e) => e.data), chunks.slice(0, j.events.length), 'what was written is an intact prefix');
  });
});
