import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HostProcess } from '../../src/pty/host.js';
import { INPUT_HIDDEN, runShim } from '../../src/pty/shim.js';
import { spawnPty } from '../../src/pty/spawn.js';
import { headlessTerminal } from '../../src/pty/tty.js';
import { memorySink } from './memory-sink.js';
import { waitFor } from '../helpers/wait.js';



/** A stand-in for aisess's own process: records stops, lets the test continue or signal it. */
function fakeHost(): HostProcess & { stops: number; cont: () => void; signal: (s: NodeJS.Signals) => void } {
  let onCont = (): void => {};
  let onSig = (_: NodeJS.Signals): void => {};
  const host = {
    stops: 0,
    suspendSelf: () => { host.stops++; },
    onContinue: (l: () => void) => { onCont = l; return () => {}; },
    onSignals: (_: NodeJS.Signals[], l: (s: NodeJS.Signals) => void) => { onSig = l; return () => {}; },
    cont: () => onCont(),
    signal: (s: NodeJS.Signals) => onSig(s),
  };
  return host;
}


function setup(script: string, opts: { captureInput?: boolean; cols?: number; rows?: number } = {}) {
  const terminal = headlessTerminal({ cols: opts.cols ?? 80, rows: opts.rows ?? 24 });
  const size = terminal.size();
  const pty = spawnPty({ file: '/bin/sh', args: ['-c', script], env: process.env, cwd: process.cwd(), ...size });
  const sink = memorySink();
  const host = fakeHost();
  const done = runShim({ pty, terminal, sink, captureInput: opts.captureInput ?? false, host, signalGraceMs: 5000 });
  const recorded = (code: string): string => sink.events.filter(([c]) => c === code).map(([, d]) => d).join('');
  return { terminal, pty, sink, host, done, recorded };
}

describe('runShim (headless terminal, real pty)', { timeout: 60_000 }, () => {
  it('passes output through, journals it, restores the terminal and records the exit', async () => {
    const s = setup("printf 'ü€😀 done\\n'; exit 4");
    assert.ok(s.terminal.isRaw);
    assert.deepEqual(await s.done, { code: 4 });
    assert.equal(s.terminal.output().toString(), 'ü€😀 done\r\n');
    assert.equal(s.recorded('o'), 'ü€😀 done\r\n');
    assert.deepEqual(s.sink.closed, { code: 4 });
    assert.equal(s.terminal.isRaw, false);
    assert.equal(s.terminal.isReading, false);
  });

  it('forwards keys; records them only with captureInput', async () => {
    for (const captureInput of [false, true]) {
      const s = setup('read line; echo "got $line"', { captureInput });
      s.terminal.type('secret\r');
      assert.deepEqual(await s.done, { code: 0 });
      assert.match(s.terminal.output().toString(), /got secret/);
      assert.equal(s.recorded('i'), captureInput ? 'secret\r' : '');
    }
  });

  for (const [how, script] of [
    ['stty -echo', 'stty -echo; echo ready; read b; stty echo; echo "b=$b"'],
    ['read -s', 'bash -c \'echo ready; read -s b; echo "b=$b"\''],
  ]) {
    it(`never records keys typed with echo off (${how}); keys typed with echo on still are`, async () => {
      const s = setup(`read a; echo "a=$a"; ${script}; read c; echo "c=$c"`, { captureInput: true });
      s.terminal.type('visible\r');
      await waitFor(() => s.terminal.output().toString().includes('ready'), 'ready on screen');
      // Password managers paste the whole line at once; a typist sends key by key.
      s.terminal.type('hunter2');
      s.terminal.type('\r');
      await waitFor(() => s.terminal.output().toString().includes('b=hunter2'), 'b=hunter2 on screen');
      s.terminal.type('after\r');
      assert.deepEqual(await s.done, { code: 0 });
      assert.match(s.terminal.output().toString(), /c=after/);
      assert.equal(s.recorded('i'), 'visible\rafter\r');
      assert.ok(!JSON.stringify(s.sink.events.filter(([c]) => c !== 'o')).includes('hunter2'));
      assert.deepEqual(s.sink.events.filter(([c]) => c === 'm'), [['m', INPUT_HIDDEN]]);
    });
  }

  it('keeps recording keys of a raw-mode program (a TUI turns echo off and draws them itself)', async () => {
    const s = setup('stty raw -echo; echo ready; k=$(dd bs=1 count=3 2>/dev/null); stty sane; echo "k=$k"', { captureInput: true });
    await waitFor(() => s.terminal.output().toString().includes('ready'), 'ready on screen');
    s.terminal.type('xyz');
    assert.deepEqual(await s.done, { code: 0 });
    assert.equal(s.recorded('i'), 'xyz');
  });

  it('forwards and journals resizes', async () => {
    const s = setup("trap 'stty size; exit 0' WINCH; echo ready; while :; do sleep 0.05; done");
    await waitFor(() => s.terminal.output().toString().includes('ready'), 'ready on screen');
    s.terminal.resizeTo(132, 43);
    assert.deepEqual(await s.done, { code: 0 });
    assert.match(s.terminal.output().toString(), /43 132/);
    assert.equal(s.recorded('r'), '132x43');
  });

  it('on a terminating signal: forwards it, waits for the agent, dies by that signal', async () => {
    const s = setup("trap 'echo bye; exit 3' TERM; echo ready; while :; do sleep 0.05; done");
    await waitFor(() => s.terminal.output().toString().includes('ready'), 'ready on screen');
    s.host.signal('SIGTERM');
    assert.deepEqual(await s.done, { signal: 'SIGTERM' });
    assert.match(s.terminal.output().toString(), /bye/);
    assert.deepEqual(s.sink.closed, { code: 3 });
    assert.equal(s.terminal.isRaw, false);
  });

  it('when the agent stops, restores the terminal and stops aisess; on continue resumes both', async () => {
    const s = setup('echo ready; kill -STOP $$; echo resumed');
    await waitFor(() => s.host.stops === 1, 'the host to stop');
    assert.equal(s.terminal.isRaw, false);
    s.host.cont();
    assert.equal(s.terminal.isRaw, true);
    assert.deepEqual(await s.done, { code: 0 });
    assert.match(s.terminal.output().toString(), /ready\r\nresumed\r\n/);
  });

  it('Ctrl-Z stops an agent whose pty turns it into SIGTSTP', async () => {
    const s = setup('echo ready; read x; echo "after $x"');
    await waitFor(() => s.terminal.output().toString().includes('ready'), 'ready on screen');
    s.terminal.type('\x1a');
    await waitFor(() => s.host.stops === 1, 'the host to stop');
    s.host.cont();
    s.terminal.type('fg\r');
    assert.deepEqual(await s.done, { code: 0 });
    assert.match(s.terminal.output().toString(), /after fg/);
  });
});
