import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { play } from '../../src/replay/player.js';
import type { Frame, FrameCode } from '../../src/replay/timeline.js';
import { FakeTerminal } from './fake-io.js';

const f = (time: number, code: FrameCode, data: string): Frame => ({ time, code, data });
const recorded = { cols: 80, rows: 24 };

describe('player timing', () => {
  it('writes each output frame at its time', async () => {
    const term = new FakeTerminal();
    const outcome = await play([f(0.5, 'o', 'a'), f(1.5, 'o', 'b'), f(4, 'o', 'c')], term.io(), { recorded });
    assert.equal(outcome, 'done');
    assert.deepEqual(term.writes, [
      { at: 500, data: 'a' },
      { at: 1500, data: 'b' },
      { at: 4000, data: 'c' },
    ]);
  });

  it('writes frames due at the same moment in one batch, skipping markers', async () => {
    const term = new FakeTerminal();
    await play([f(1, 'o', 'a'), f(1, 'm', 'x'), f(1, 'o', 'b'), f(2, 'o', 'c')], term.io(), { recorded });
    assert.deepEqual(term.writes, [
      { at: 1000, data: 'ab' },
      { at: 2000, data: 'c' },
    ]);
  });

  it('--instant writes every output byte without sleeping', async () => {
    const term = new FakeTerminal();
    const frames = [f(1, 'o', '\x1b[2Ja'), f(2, 'r', '80x24'), f(50, 'o', 'é✓\r\n'), f(60, 'm', 'x')];
    await play(frames, term.io(), { recorded, instant: true });
    assert.deepEqual(term.sleeps, []);
    assert.equal(term.writes.map((w) => w.data).join(''), '\x1b[2Jaé✓\r\n');
  });

  it('plays an empty recording as done', async () => {
    const term = new FakeTerminal();
    assert.equal(await play([], term.io(), { recorded }), 'done');
    assert.deepEqual(term.log, []);
  });
});

describe('player keys', () => {
  it('space pauses mid-pause and resumes where it stopped', async () => {
    const term = new FakeTerminal();
    term.duringSleep.push({ after: 500, keys: ' ' });
    // Resume after the watcher waited 10 s: 'b' still has 1.5 s of its 2 s pause left.
    term.keys.once('data', () => term.later(10_000, ' '));
    await play([f(0, 'o', 'a'), f(2, 'o', 'b')], term.io(), { recorded });
    assert.deepEqual(term.writes, [
      { at: 0, data: 'a' },
      { at: 12_000, data: 'b' },
    ]);
  });

  it('. steps one output frame at a time while paused, taking resizes along', async () => {
    const term = new FakeTerminal();
    term.duringSleep.push({ after: 0, keys: ' ..' });
    term.keys.once('data', () => term.later(100_000, ' '));
    const frames = [f(1, 'o', 'a'), f(2, 'r', '80x24'), f(3, 'o', 'b'), f(4, 'o', 'c'), f(5, 'o', 'd')];
    await play(frames, term.io(), { recorded });
    assert.deepEqual(term.writes, [
      { at: 0, data: 'a' },
      { at: 0, data: 'b' },
      { at: 101_000, data: 'c' },
      { at: 102_000, data: 'd' },
    ]);
  });

  it('. does nothing while playing', async () => {
    const term = new FakeTerminal();
    term.duringSleep.push({ after: 100, keys: '...' });
    await play([f(1, 'o', 'a'), f(2, 'o', 'b')], term.io(), { recorded });
    assert.deepEqual(term.writes, [
      { at: 1000, data: 'a' },
      { at: 2000, data: 'b' },
    ]);
  });

  it('] writes everything up to the next marker and holds there, paused', async () => {
    const term = new FakeTerminal();
    term.duringSleep.push({ after: 200, keys: ']' });
    term.keys.once('data', () => term.later(5_000, ' '));
    const frames = [f(1, 'o', 'a'), f(2, 'o', 'b'), f(30, 'm', 'x'), f(31, 'o', 'c'), f(40, 'm', 'y'), f(41, 'o', 'd')];
    await play(frames, term.io(), { recorded });
    assert.deepEqual(term.writes, [
      { at: 200, data: 'ab' },
      { at: 6_200, data: 'c' },
      { at: 16_200, data: 'd' },
    ]);
  });

  it('] with no marker left changes nothing', async () => {
    const term = new FakeTerminal();
    term.duringSleep.push({ after: 200, keys: ']' });
    await play([f(1, 'o', 'a'), f(2, 'o', 'b')], term.io(), { recorded });
    assert.deepEqual(term.writes, [
      { at: 1000, data: 'a' },
      { at: 2000, data: 'b' },
    ]);
  });

  it('+ and - double and halve the speed from the current position', async () => {
    const term = new FakeTerminal();
    const none = { after: Infinity, keys: '' };
    term.duringSleep.push({ after: 1000, keys: '+' }, none, { after: 0, keys: '--' });
    await play([f(2, 'o', 'a'), f(4, 'o', 'b')], term.io(), { recorded });
    // 1 s at 1x, then 0.5 s at 2x reaches 'a'; then at half speed the 2 s to 'b' take 4 s.
    assert.deepEqual(term.writes, [
      { at: 1500, data: 'a' },
      { at: 5500, data: 'b' },
    ]);
  });

  for (const key of ['q', '\x03']) {
    it(`${JSON.stringify(key)} quits at once`, async () => {
      const term = new FakeTerminal();
      term.duringSleep.push({ after: 10, keys: key });
      const outcome = await play([f(1, 'o', 'a'), f(2, 'o', 'b')], term.io(), { recorded });
      assert.equal(outcome, 'quit');
      assert.deepEqual(term.writes, []);
    });
  }

  it('q quits while paused', async () => {
    const term = new FakeTerminal();
    term.duringSleep.push({ after: 10, keys: ' ' });
    term.keys.once('data', () => term.later(1000, 'q'));
    assert.equal(await play([f(1, 'o', 'a')], term.io(), { recorded }), 'quit');
    assert.deepEqual(term.writes, []);
  });

  it('takes keys from an async iterable too', async () => {
    const term = new FakeTerminal();
    let firstWrite!: () => void;
    const written = new Promise<void>((resolve) => (firstWrite = resolve));
    term.onWrite = () => firstWrite();
    async function* keys(): AsyncGenerator<string> {
      await written;
      yield 'q';
    }
    // A real sleep lets the iterator deliver 'q' before 'b' is due.
    const io = { ...term.io(), keys: keys(), sleep: (ms: number, signal: AbortSignal) => realSleep(signal) };
    const outcome = await play([f(0, 'o', 'a'), f(3600, 'o', 'b')], io, { recorded });
    assert.equal(outcome, 'quit');
    assert.deepEqual(term.writes.map((w) => w.data), ['a']);
  });

  it('an abort signal (SIGINT, SIGTERM) ends playback', async () => {
    const term = new FakeTerminal();
    const ctl = new AbortController();
    const io = { ...term.io(), sleep: (ms: number, signal: AbortSignal) => realSleep(signal) };
    term.onWrite = () => setImmediate(() => ctl.abort());
    const outcome = await play([f(0, 'o', 'a'), f(3600, 'o', 'b')], io, { recorded, signal: ctl.signal });
    assert.equal(outcome, 'aborted');
    assert.deepEqual(term.writes.map((w) => w.data), ['a']);
  });

  it('a non-TTY player (no key source) just plays', async () => {
    const term = new FakeTerminal();
    const io = { ...term.io(), keys: undefined };
    assert.equal(await play([f(1, 'o', 'a')], io, { recorded }), 'done');
    assert.deepEqual(term.writes, [{ at: 1000, data: 'a' }]);
  });
});

describe('player size warnings', () => {
  it('warns at start and at recorded resizes that do not fit, once each, after earlier output', async () => {
    const term = new FakeTerminal({ cols: 40, rows: 10 });
    const frames = [
      f(1, 'o', 'a'),
      f(2, 'r', '120x40'),
      f(3, 'r', '30x5'),
      f(4, 'o', 'b'),
      f(5, 'r', '200x50'),
      f(6, 'o', 'c'),
    ];
    await play(frames, term.io(), { recorded: { cols: 120, rows: 40 }, instant: true });
    const shown = term.log.map((e) => e.write ?? `! ${e.notice?.match(/\d+x\d+/g)?.join(' vs ')}`);
    assert.deepEqual(shown, ['! 120x40 vs 40x10', 'a', 'b', '! 200x50 vs 40x10', 'c']);
  });

  it('says nothing when the terminal is large enough or unknown', async () => {
    for (const size of [{ cols: 120, rows: 40 }, undefined]) {
      const term = new FakeTerminal(size);
      await play([f(0, 'r', '100x30'), f(1, 'o', 'a')], term.io(), { recorded: { cols: 120, rows: 40 } });
      assert.deepEqual(term.log.filter((e) => e.notice), []);
    }
  });
});

function realSleep(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 60_000);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
