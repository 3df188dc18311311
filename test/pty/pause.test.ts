import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPause, PAUSED_MARKER, PAUSED_TITLE, resetSequence, RESUMED_MARKER, RESUMED_TITLE } from '../../src/pty/pause.js';
import { memorySink } from './memory-sink.js';


describe('createPause', () => {
  it('journals nothing of the paused span but resizes and non-agent events; marks both ends', () => {
    const inner = memorySink();
    const pause = createPause(inner);
    pause.sink.output('before');
    assert.equal(pause.toggle(), PAUSED_TITLE);
    assert.equal(pause.paused, true);
    pause.sink.output('SECRET on screen');
    pause.sink.input('SECRET typed');
    pause.sink.event('aisess.agent', { kind: 'prompt', text: 'SECRET' });
    pause.sink.marker('prompt SECRET');
    pause.sink.resize(100, 30);
    pause.sink.event('aisess.worktree', { paths: [] });
    assert.equal(pause.toggle(), RESUMED_TITLE);
    pause.sink.output('after');
    pause.sink.input('k');
    assert.deepEqual(inner.events, [
      ['o', 'before'],
      ['aisess.pause', '{"paused":true}'],
      ['m', PAUSED_MARKER],
      ['r', '100x30'],
      ['aisess.worktree', '{"paths":[]}'],
      ['aisess.pause', '{"paused":false}'],
      ['m', RESUMED_MARKER],
      ['o', resetSequence(false, false)],
      ['o', 'after'],
      ['i', 'k'],
    ]);
    assert.ok(!JSON.stringify(inner.events).includes('SECRET'));
  });

  it('the reset follows the alternate screen the paused output switched to, even split across chunks', () => {
    const inner = memorySink();
    const pause = createPause(inner);
    pause.toggle();
    pause.sink.output('x\x1b[?10');
    pause.sink.output('49hfull screen');
    pause.toggle();
    assert.equal(inner.events.at(-1)![1], '\x1b[?1049h\x1b[0m\x1b[H\x1b[2J');
    pause.toggle();
    pause.sink.output('\x1b[?1049l');
    pause.toggle();
    assert.equal(inner.events.at(-1)![1], '\x1b[?1049l\x1b[0m\x1b[H\x1b[2J');
  });

  it('tracks the alternate screen in the relay\'s JSON text too, a switch split anywhere', () => {
    const json = (text: string) => Buffer.from(JSON.stringify(text).slice(1, -1));
    const whole = JSON.stringify('a\x1b[?25l\x1b[?1049hb').slice(1, -1);
    for (let cut = 0; cut <= whole.length; cut++) {
      const inner = memorySink();
      const pause = createPause(inner);
      pause.toggle();
      pause.sink.outputJsonText(Buffer.from(whole.slice(0, cut)));
      pause.sink.outputJsonText(Buffer.from(whole.slice(cut)));
      pause.toggle();
      assert.equal(inner.events.at(-1)![1], '\x1b[?1049h\x1b[0m\x1b[H\x1b[2J', `cut at ${cut}`);
      pause.sink.outputJsonText(json('back \x1b[?47l'));
      assert.deepEqual(inner.events.at(-1), ['o', 'back \x1b[?47l']);
      pause.toggle();
      pause.sink.outputJsonText(json('SECRET'));
      assert.ok(!JSON.stringify(inner.events).includes('SECRET'));
      pause.toggle();
      assert.equal(inner.events.at(-1)![1], '\x1b[0m\x1b[H\x1b[2J', 'the main screen again, as the journal left it');
    }
  });

  it('resetSequence table', () => {
    const rows: [boolean, boolean, string][] = [
      [false, false, '\x1b[0m\x1b[H\x1b[2J'],
      [true, true, '\x1b[0m\x1b[H\x1b[2J'],
      [false, true, '\x1b[?1049h\x1b[0m\x1b[H\x1b[2J'],
      [true, false, '\x1b[?1049l\x1b[0m\x1b[H\x1b[2J'],
    ];
    for (const [before, now, expected] of rows) assert.equal(resetSequence(before, now), expected);
  });
});
