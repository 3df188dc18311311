import assert from 'node:assert/strict';
import { closeSync, openSync } from 'node:fs';
import { describe, it } from 'node:test';
import { keysHidden, readLocalFlags } from '../../src/pty/echo.js';
import { spawnPty } from '../../src/pty/spawn.js';
import { waitFor } from '../helpers/wait.js';

describe('keysHidden (echo state of the pty)', () => {
  it('hides line-mode input with echo off; raw mode and echo on stay recordable', () => {
    const ECHO = 0o10;
    const ICANON = 0o2;
    assert.equal(keysHidden(ICANON | ECHO), false);
    assert.equal(keysHidden(ICANON), true);
    assert.equal(keysHidden(0), false);
    assert.equal(keysHidden(ECHO), false);
  });

  it('fails closed: a state that cannot be read counts as hidden', () => {
    const fd = openSync('/dev/null', 'r');
    try {
      assert.equal(readLocalFlags(fd), undefined);
    } finally {
      closeSync(fd);
    }
    assert.equal(keysHidden(undefined), true);
  });

  it('reads the program\'s termios through the pty', async () => {
    const pty = spawnPty({ file: '/bin/sh', args: ['-c', 'read y; stty -echo; echo off; read x'], env: process.env, cwd: process.cwd(), cols: 80, rows: 24 });
    assert.equal(pty.keysHidden(), false);
    let out = '';
    pty.onData((chunk) => { out += chunk.toString(); });
    pty.write('y\r');
    await waitFor(() => out.includes('off'), 'the echo state');
    assert.equal(pty.keysHidden(), true);
    pty.write('x\r');
    await pty.exited;
  });
});
