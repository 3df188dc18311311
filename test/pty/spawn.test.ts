import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnPty, type PtyProcess } from '../../src/pty/spawn.js';
import { tempDir } from '../helpers/git.js';

function start(file: string, args: string[], cols = 80, rows = 24): { pty: PtyProcess; text: () => string } {
  const pty = spawnPty({ file, args, env: { ...process.env, TERM: 'xterm' }, cwd: process.cwd(), cols, rows });
  const chunks: Buffer[] = [];
  pty.onData((c) => chunks.push(c));
  return { pty, text: () => Buffer.concat(chunks).toString() };
}

describe('spawnPty', { timeout: 60_000 }, () => {
  let dir: { path: string; cleanup: () => void };
  before(() => {
    dir = tempDir('aisess-spawn-');
  });
  after(() => dir.cleanup());

  it('runs the program in a pty of the given size and reports its exit code', async () => {
    const { pty, text } = start('/bin/sh', ['-c', 'test -t 1 && stty size; exit 7'], 97, 33);
    assert.deepEqual(await pty.exited, { code: 7 });
    assert.equal(text(), '33 97\r\n');
  });

  it('reports death by signal by name', async () => {
    const { pty } = start('/bin/sh', ['-c', 'kill -KILL $$']);
    assert.deepEqual(await pty.exited, { signal: 'SIGKILL' });
  });

  it('writes input to the program and resizes its pty', async () => {
    const { pty, text } = start('/bin/sh', ['-c', 'read line; stty size; echo "got $line"']);
    pty.resize(50, 10);
    pty.write('hi there\r');
    assert.deepEqual(await pty.exited, { code: 0 });
    assert.match(text(), /10 50\r\ngot hi there\r\n$/);
  });

  it('never loses the tail: 50 runs of ~200 KB written just before exit, sentinel never shown', async () => {
    const payload = 'x'.repeat(99) + '\n';
    const file = join(dir.path, 'tail.txt');
    writeFileSync(file, payload.repeat(2000));
    const expected = payload.replaceAll('\n', '\r\n').repeat(2000);
    const lengths: number[] = [];
    for (let i = 0; i < 50; i++) {
      // cat, the session leader, writes it all and exits at once, as node -e did at ten times the start-up.
      const { pty, text } = start('/bin/cat', [file]);
      await pty.exited;
      if (text() !== expected) lengths.push(text().length);
    }
    assert.deepEqual(lengths, []);
  });

  it('drains a pty whose buffer is full at exit (the reader was busy)', async () => {
    for (const n of [30_000, 60_000, 80_000]) {
      const { pty, text } = start(process.execPath, ['-e', `process.stdout.write('y'.repeat(${n}))`]);
      // Keep this process from reading (blocked, not spinning) so the child exits with its output still in the kernel's buffers.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
      assert.deepEqual(await pty.exited, { code: 0 });
      assert.equal(text().length, n);
    }
  });

  it('finishes even when output is stopped (Ctrl-S) and the sentinel cannot get through', async () => {
    const { pty } = start('/bin/sh', ['-c', 'stty ixon; read x; sleep 0.2; exit 0']);
    pty.write('\r');
    pty.write('\x13');
    assert.deepEqual(await pty.exited, { code: 0 });
  });
});
