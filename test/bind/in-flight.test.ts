import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bindersInFlight, inFlightPath, markInFlight, waitForBinders } from '../../src/bind/in-flight.js';
import { pidExists } from '../../src/os/process.js';
import { tempDir } from '../helpers/git.js';

test('markers of processes that are gone are removed, live ones are reported', async () => {
  const dir = tempDir();
  try {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.on('exit', r));
    writeFileSync(inFlightPath(dir.path, gone.pid!), '');
    writeFileSync(join(dir.path, 'binding.not-a-pid'), '');
    const unmark = await markInFlight(dir.path, process.pid);
    assert.deepEqual(await bindersInFlight(dir.path), [process.pid]);
    assert.equal(existsSync(inFlightPath(dir.path, gone.pid!)), false);
    await unmark();
    assert.deepEqual(await bindersInFlight(dir.path), []);
  } finally {
    dir.cleanup();
  }
});

test('waitForBinders waits while a marked binder runs, and not at all when none does', async () => {
  const dir = tempDir();
  try {
    assert.equal(await waitForBinders(dir.path, 5000), false);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 300)']);
    await markInFlight(dir.path, child.pid!);
    const exited = new Promise((r) => child.on('exit', (code) => r(code)));
    const started = Date.now();
    assert.equal(await waitForBinders(dir.path, 20_000), true);
    // It returned because the binder finished, not because it gave up. The child may still be an
    // unreaped zombie here (node reaps it on a later tick), which counts as finished.
    assert.ok(Date.now() - started < 15_000);
    assert.equal(pidExists(child.pid!), false);
    assert.equal(await exited, 0);
  } finally {
    dir.cleanup();
  }
});
