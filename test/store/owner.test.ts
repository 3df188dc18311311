import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, test } from 'node:test';
import { currentOwner, isOwnerAlive, readProcStart } from '../../src/store/owner.js';

describe('owner liveness', () => {
  test('this process is alive', async () => {
    const me = await currentOwner();
    assert.equal(me.pid, process.pid);
    assert.match(me.procStart ?? '', /^\d+$/);
    assert.equal(await isOwnerAlive(me), true);
  });

  test('a process that exited is dead', async () => {
    const child = spawnSync('true');
    const me = await currentOwner();
    assert.equal(await isOwnerAlive({ ...me, pid: child.pid! }), false);
  });

  test('a reused pid (other start time) is dead', async () => {
    const me = await currentOwner();
    assert.equal(await isOwnerAlive({ ...me, procStart: String(Number(me.procStart) + 1) }), false);
  });

  test('a session from before a reboot is dead', async () => {
    const me = await currentOwner();
    assert.equal(await isOwnerAlive({ ...me, bootId: 'another-boot' }), false);
  });

  test("another host's session is never taken for dead", async () => {
    assert.equal(await isOwnerAlive({ pid: 999_999, host: `${hostname()}-elsewhere`, bootId: 'x', procStart: '1' }), true);
  });

  test('the start time is read past a command name holding spaces and parentheses', async () => {
    assert.equal(await readProcStart(process.pid), (await currentOwner()).procStart);
    assert.equal(await readProcStart(999_999_999), null);
  });
});
