import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, constants as fsc, readSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { relayBinary } from '../../src/pty/relay.js';
import { spawnPty, type PtyProcess } from '../../src/pty/spawn.js';
import { waitFor } from '../helpers/wait.js';

const work = mkdtempSync(join(tmpdir(), 'aisess-relay-'));
after(() => rmSync(work, { recursive: true, force: true }));

// The program writes a file to its terminal in pieces of random size, output processing off, so
// the pty hands the relay exactly the file's bytes.
const WRITER = `
const fs = require('node:fs');
const data = fs.readFileSync(process.argv[1]);
let seed = Number(process.argv[2]);
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
for (let at = 0; at < data.length;) {
  const n = 1 + rand(5000);
  fs.writeSync(1, data.subarray(at, at + n));
  at += n;
}`;

interface Relayed {
  pty: PtyProcess;
  /** What the relay wrote to the stand-in terminal. */
  shown: () => Buffer;
  /** The copy, as handed to onData: the body of a JSON string. */
  copy: () => string;
}

function relay(payload: Buffer, seed: number, displayFd?: number): Relayed {
  const input = join(work, `payload-${seed}`);
  writeFileSync(input, payload);
  const screen = join(work, `screen-${seed}`);
  const fd = displayFd ?? openSync(screen, 'w');
  const pty = spawnPty({
    file: '/bin/sh', args: ['-c', 'stty -opost -echo; exec "$0" -e "$1" "$2" "$3"', process.execPath, WRITER, input, String(seed)],
    env: process.env, cwd: work, cols: 80, rows: 24, displayFd: fd,
  });
  const chunks: Buffer[] = [];
  pty.onData((c) => chunks.push(c));
  void pty.exited.then(() => { if (displayFd === undefined) closeSync(fd); });
  return { pty, shown: () => readFileSync(screen), copy: () => Buffer.concat(chunks).toString() };
}

/** Terminal-like bytes with the awkward cases: escapes, quotes, multi-byte and broken UTF-8. */
function randomOutput(seed: number, size: number): Buffer {
  const pieces = [
    'plain text ', '\x1b[1;32mgreen\x1b[0m', '"quoted" \\back\\ ', '\r\n', '\t', 'é', '✓', '🚀', '\x00', '\x7f',
  ].map((s) => Buffer.from(s));
  const broken = [[0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x9a], [0xed, 0xa0, 0x80], [0x80], [0xc0, 0xaf]].map((b) => Buffer.from(b));
  let state = seed;
  const rand = (n: number) => { state = (state * 1103515245 + 12345) % 2147483648; return state % n; };
  const out: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const piece = rand(10) === 0 ? broken[rand(broken.length)]! : pieces[rand(pieces.length)]!;
    out.push(piece);
    length += piece.length;
  }
  return Buffer.concat(out);
}

const jsonText = (bytes: Buffer) => JSON.stringify(new TextDecoder().decode(bytes)).slice(1, -1);

describe('native relay', { timeout: 120_000 }, () => {
  it('is built (npm test builds it; without it these tests would test node reading the pty)', () => {
    assert.ok(relayBinary(), 'dist/aisess-relay is missing: run npm run build');
  });

  it('shows the bytes unchanged and hands over exactly their JSON text, however they are split', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const payload = randomOutput(seed, 200_000);
      const { pty, shown, copy } = relay(payload, seed);
      assert.equal(pty.displays, true);
      assert.deepEqual(await pty.exited, { code: 0 });
      assert.ok(shown().equals(payload), `seed ${seed}: the screen differs`);
      assert.equal(copy(), jsonText(payload), `seed ${seed}: the copy differs`);
    }
  });

  it('an incomplete character at the very end becomes U+FFFD in the copy, as TextDecoder has it', async () => {
    const payload = Buffer.concat([Buffer.from('end ✓'), Buffer.from([0xe2, 0x9c])]);
    const { pty, copy } = relay(payload, 7);
    await pty.exited;
    assert.equal(copy(), jsonText(payload));
    assert.ok(copy().endsWith('\ufffd'));
  });

  it('never loses the tail: 30 runs of 300 KB written just before exit, the sentinel never shown', async () => {
    const payload = Buffer.from(`${'y'.repeat(99)}\n`.repeat(3000));
    const short: string[] = [];
    for (let run = 0; run < 30; run++) {
      const { pty, shown, copy } = relay(payload, 100 + run);
      await pty.exited;
      if (!shown().equals(payload) || copy() !== jsonText(payload)) short.push(`run ${run}: ${shown().length} shown, ${copy().length} copied`);
    }
    assert.deepEqual(short, []);
  });

  it('if the relay dies under a running agent, node reads and hands over the output itself', async () => {
    const screen = openSync(join(work, 'screen-killed'), 'w');
    const pty = spawnPty({
      file: '/bin/sh', args: ['-c', 'echo before; read line; echo "after $line"'],
      env: process.env, cwd: work, cols: 80, rows: 24, displayFd: screen,
    });
    const chunks: Buffer[] = [];
    pty.onData((c) => chunks.push(c));
    // The relay starts once its copy socket is connected; the output it shows proves it runs.
    await waitFor(() => Buffer.concat(chunks).toString().includes('before'), 'before on screen');
    // This pty's relay is the newest one of this process's children.
    const children = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--sort', 'start_time', '--ppid', String(process.pid)], { encoding: 'utf8' });
    const relayPid = Number([...children.matchAll(/(\d+) [^Z\s]\S* +aisess-relay/g)].at(-1)?.[1]);
    assert.ok(relayPid > 0, children);
    process.kill(relayPid, 'SIGKILL');
    await waitFor(() => !pty.displays, 'the pty to stop displaying');
    pty.write('x\r');
    assert.deepEqual(await pty.exited, { code: 0 });
    closeSync(screen);
    assert.match(Buffer.concat(chunks).toString(), /after x\r\n$/);
  });

  it('keeps recording after the terminal went away', async () => {
    const fifo = join(work, 'hangup');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, fsc.O_RDONLY | fsc.O_NONBLOCK);
    const terminal = openSync(fifo, fsc.O_WRONLY);
    const payload = Buffer.from(`${'z'.repeat(79)}\n`.repeat(20_000));
    const { pty, copy } = relay(payload, 200, terminal);
    // Read a little, then hang up: the relay's next terminal write fails with EPIPE.
    const some = Buffer.alloc(1000);
    for (let got = 0; got === 0;) {
      try { got = readSync(reader, some); } catch { await new Promise((r) => setTimeout(r, 5)); }
    }
    closeSync(reader);
    assert.deepEqual(await pty.exited, { code: 0 });
    closeSync(terminal);
    assert.equal(copy(), jsonText(payload));
  });
});
