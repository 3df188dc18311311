import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HostProcess } from '../../src/pty/host.js';
import { createPause, PAUSED_MARKER, PAUSED_TITLE, RESUMED_MARKER, RESUMED_TITLE } from '../../src/pty/pause.js';
import { runShim } from '../../src/pty/shim.js';
import { spawnPty } from '../../src/pty/spawn.js';
import { headlessTerminal } from '../../src/pty/tty.js';
import { memorySink } from './memory-sink.js';
import { waitFor } from '../helpers/wait.js';


const host: HostProcess = { suspendSelf: () => {}, onContinue: () => () => {}, onSignals: () => () => {} };


describe('runShim with the pause key (headless terminal, real pty)', { timeout: 60_000 }, () => {
  it('Ctrl-] p pauses: the agent still gets every other key, the journal gets neither output nor keys', async () => {
    const terminal = headlessTerminal({ cols: 80, rows: 24 });
    const pty = spawnPty({
      // Echo on: keys typed with echo off are never journalled (shim.test.ts), these must be.
      file: '/bin/sh', args: ['-c', 'while read line; do [ "$line" = end ] && exit 0; echo "got $line"; done'],
      env: process.env, cwd: process.cwd(), cols: 80, rows: 24,
    });
    const inner = memorySink();
    const pause = createPause(inner);
    const done = runShim({ pty, terminal, sink: pause.sink, pause, captureInput: true, host });
    const shown = () => terminal.output().toString();
    terminal.type('one\r');
    await waitFor(() => shown().includes('got one'), 'got one on screen');
    terminal.type('\x1d');
    terminal.type('ptwo\r');
    await waitFor(() => shown().includes('got two'), 'got two on screen');
    terminal.type('\x1dp');
    terminal.type('three\r');
    await waitFor(() => shown().includes('got three'), 'got three on screen');
    terminal.type('\x1d\x1d\r');
    await waitFor(() => shown().includes('got \x1d'), 'got \\x1d on screen');
    terminal.type('end\r');
    assert.deepEqual(await done, { code: 0 });

    const journalled = (code: string) => inner.events.filter(([c]) => c === code).map(([, d]) => d);
    assert.doesNotMatch(journalled('o').join(''), /two/);
    assert.match(journalled('o').join(''), /got one[\s\S]*\x1b\[2J[\s\S]*got three/);
    assert.deepEqual(journalled('m'), [PAUSED_MARKER, RESUMED_MARKER]);
    assert.deepEqual(journalled('aisess.pause'), ['{"paused":true}', '{"paused":false}']);
    // The keys themselves never reach the agent or the journal; a doubled prefix sends one.
    assert.equal(journalled('i').join(''), 'one\rthree\r\x1d\rend\r');
    assert.ok(shown().includes(PAUSED_TITLE) && shown().includes(RESUMED_TITLE));
    assert.ok(!journalled('o').join('').includes(PAUSED_TITLE));
  });
});
