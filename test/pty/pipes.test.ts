import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { onlcr, runPiped } from '../../src/pty/pipes.js';
import type { HostProcess } from '../../src/pty/host.js';
import { memorySink } from './memory-sink.js';
import { waitFor } from '../helpers/wait.js';

describe('onlcr: output as a terminal shows it', () => {
  const rows: [string, string][] = [
    ['', ''],
    ['plain', 'plain'],
    ['a\nb\n', 'a\r\nb\r\n'],
    // A pty turns every "\n" into "\r\n", one already preceded by "\r" too.
    ['a\r\nb', 'a\r\r\nb'],
    ['\n\n', '\r\n\r\n'],
    ['héllo ✓\n', 'héllo ✓\r\n'],
  ];
  for (const [input, expected] of rows) {
    it(JSON.stringify(input), () => assert.equal(onlcr(input), expected));
  }
  it('removing the added "\\r" before each "\\n" gives the input back (any text)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const shown = onlcr(text);
      assert.equal(shown.replaceAll('\r\n', '\n'), text);
      assert.equal(shown.length, text.length + text.split('\n').length - 1);
    }));
  });
});

/** A host whose signals the test sends by hand. */
function fakeHost(): HostProcess & { send(signal: NodeJS.Signals): void } {
  const listeners = new Set<(s: NodeJS.Signals) => void>();
  return {
    suspendSelf: () => {},
    onContinue: () => () => {},
    onSignals: (_signals, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: (signal) => { for (const l of listeners) l(signal); },
  };
}

function collect(stream: PassThrough): () => Buffer {
  const parts: Buffer[] = [];
  stream.on('data', (c: Buffer) => parts.push(c));
  return () => Buffer.concat(parts);
}

describe('runPiped', () => {
  const base = { env: process.env, cwd: process.cwd() };

  it('passes stdout and stderr through apart, journals both, closes the journal with the exit status', async () => {
    const sink = memorySink();
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    const [out, err] = [collect(stdout), collect(stderr)];
    let closedBefore = false;
    const status = await runPiped({
      ...base, file: 'sh', argv0: 'sh', args: ['-c', 'printf "a\\n"; printf "b\\n" >&2; printf "\\303"; printf "\\251\\n"; exit 9'],
      sink, stdout, stderr, host: fakeHost(), beforeClose: async () => { closedBefore = sink.closed === undefined; },
    });
    assert.deepEqual(status, { code: 9 });
    assert.equal(out().toString(), 'a\né\n');
    assert.equal(err().toString(), 'b\n');
    // A character split across two writes is journalled whole.
    assert.equal(sink.events.filter(([c]) => c === 'o').map(([, d]) => d).join('').replace('b\r\n', ''), 'a\r\né\r\n');
    assert.deepEqual(sink.closed, { code: 9 });
    assert.equal(closedBefore, true, 'beforeClose runs before the journal closes');
  });

  it('forwards an ending signal to the agent and returns its status', async () => {
    const sink = memorySink();
    const host = fakeHost();
    const stdout = new PassThrough();
    const out = collect(stdout);
    const waiting = runPiped({
      ...base, file: 'sh', argv0: 'sh', args: ['-c', 'trap "echo bye; exit 3" TERM; echo up; while :; do sleep 0.05; done'],
      sink, stdout, stderr: new PassThrough(), host,
    });
    await waitFor(() => out().toString().includes('up'), 'up on stdout');
    host.send('SIGTERM');
    assert.deepEqual(await waiting, { code: 3 });
    assert.equal(out().toString(), 'up\nbye\n');
  });

  it('a signal caught before the agent was spawned reaches it once it runs', async () => {
    const host = fakeHost();
    const started = Date.now();
    const waiting = runPiped({
      ...base, file: 'sh', argv0: 'sh', args: ['-c', 'sleep 5'], sink: memorySink(), stdout: new PassThrough(), stderr: new PassThrough(), host,
    });
    host.send('SIGTERM');
    assert.deepEqual(await waiting, { signal: 'SIGTERM' });
    assert.ok(Date.now() - started < 3000);
  });

  it('stops waiting for a grandchild that holds the pipe once output stays quiet', async () => {
    const sink = memorySink();
    const started = Date.now();
    const status = await runPiped({
      ...base, file: 'sh', argv0: 'sh', args: ['-c', 'echo main; (sleep 5; echo late) &'],
      sink, stdout: new PassThrough(), stderr: new PassThrough(), host: fakeHost(), quietAfterExitMs: 200,
    });
    assert.deepEqual(status, { code: 0 });
    assert.ok(Date.now() - started < 3000, 'did not wait for the grandchild');
    assert.deepEqual(sink.closed, { code: 0 });
  });

  it('a program that cannot be spawned: the journal is closed, the error thrown', async () => {
    const sink = memorySink();
    await assert.rejects(runPiped({ ...base, file: '/nonexistent/agent', argv0: 'agent', args: [], sink, host: fakeHost(),
      stdout: new PassThrough(), stderr: new PassThrough() }));
    assert.deepEqual(sink.closed, { code: 127 });
  });
});
