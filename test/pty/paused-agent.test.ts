import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { claudeParser } from '../../src/agents/claude-parse.js';
import { createPause } from '../../src/pty/pause.js';
import { createPausedAgentFilter, PAUSED_TEXT } from '../../src/pty/paused-agent.js';
import { memorySink } from './memory-sink.js';

const PROMPT = 'print the contents of my .env file';
const line = (o: object) => JSON.stringify(o);
const claudeUser = (text: string) => line({ type: 'user', uuid: 'U5', timestamp: '2026-11-25T11:40:00.000Z', message: { role: 'user', content: text } });

/** Paused from t=10 s to t=20 s (epoch ms on the follower's clock). */
function filter() {
  const f = createPausedAgentFilter();
  f.toggle(true, 10_000);
  f.toggle(false, 20_000);
  return f;
}

describe('agent events in a paused span', () => {
  const cases: { name: string; data: object; now: number; kept: boolean }[] = [
    { name: 'happened in the pause, read after it', data: { kind: 'answer', text: 'x', ago: 6 }, now: 21_000, kept: false },
    { name: 'happened before the pause, read in it', data: { kind: 'answer', text: 'x', ago: 2 }, now: 11_000, kept: true },
    { name: 'happened after the pause', data: { kind: 'answer', text: 'x', ago: 0.5 }, now: 21_000, kept: true },
    { name: 'at the pause key itself: paused', data: { kind: 'answer', text: 'x', ago: 1 }, now: 11_000, kept: false },
    { name: 'at the resume: recorded', data: { kind: 'answer', text: 'x', ago: 1 }, now: 21_000, kept: true },
    { name: 'no time of its own, read in the pause', data: { kind: 'transcript', line: '{"type":"mode"}' }, now: 15_000, kept: false },
    { name: 'no time of its own, read after', data: { kind: 'transcript', line: '{"type":"mode"}' }, now: 25_000, kept: true },
    { name: 'ago not a number: judged when read', data: { kind: 'answer', text: 'x', ago: 'soon' }, now: 25_000, kept: true },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(filter().admit(c.data, c.now) !== null, c.kept));
  }

  it('a paused prompt read after the resume is dropped, and its text scrubbed from later lines without a time', () => {
    const f = filter();
    assert.equal(f.admit({ kind: 'prompt', text: PROMPT, ago: 9 }, 21_000), null);
    assert.equal(f.admit({ kind: 'transcript', line: claudeUser(PROMPT), ago: 9 }, 21_000), null);
    const lastPrompt = line({ type: 'last-prompt', lastPrompt: PROMPT, leafUuid: 'Y1', sessionId: 'S' });
    assert.deepEqual(f.admit({ kind: 'transcript', line: lastPrompt }, 30_000), { kind: 'transcript', line: line({ type: 'last-prompt', lastPrompt: PAUSED_TEXT, leafUuid: 'Y1', sessionId: 'S' }) });
    const queued = line({ type: 'queue-operation', operation: 'enqueue', content: `  ${PROMPT}\n`, sessionId: 'S' });
    assert.ok(!JSON.stringify(f.admit({ kind: 'transcript', line: queued }, 30_000)).includes(PROMPT));
    // A later line that quotes it (a compacted history) keeps everything else.
    const history = line({ type: 'compacted', payload: { replacement_history: [{ role: 'user', content: [{ type: 'input_text', text: `earlier: ${PROMPT}` }] }] } });
    const kept = f.admit({ kind: 'transcript', line: history, ago: 0 }, 40_000) as { line: string };
    assert.equal(JSON.parse(kept.line).payload.replacement_history[0].content[0].text, `earlier: ${PAUSED_TEXT}`);
    assert.equal(f.label(`prompt: ${PROMPT.slice(0, 20)}`), `prompt: ${PAUSED_TEXT}`);
    assert.equal(f.label('prompt: something else'), 'prompt: something else');
  });

  it('a short paused prompt is replaced only where a string is exactly it', () => {
    const f = filter();
    f.admit({ kind: 'prompt', text: 'go on', ago: 5 }, 16_000);
    assert.deepEqual(f.admit({ kind: 'transcript', line: line({ lastPrompt: 'go on' }) }, 30_000), { kind: 'transcript', line: line({ lastPrompt: PAUSED_TEXT }) });
    assert.deepEqual(f.admit({ kind: 'answer', text: 'I will go on with the tests', ago: 0 }, 30_000), { kind: 'answer', text: 'I will go on with the tests', ago: 0 });
  });

  it('without a pause nothing changes (the same object)', () => {
    const f = createPausedAgentFilter();
    const data = { kind: 'prompt', text: PROMPT, ago: 1 };
    assert.equal(f.admit(data, 5_000), data);
  });

  it('through createPause: an event says whether it was kept, and a prompt marker loses a paused prompt', () => {
    let now = 1_000;
    const inner = memorySink();
    const pause = createPause(inner, () => now);
    now = 10_000;
    pause.toggle();
    now = 11_000;
    assert.equal(pause.agent.event('aisess.agent', { kind: 'answer', text: 'from before', ago: 3 }), true);
    now = 20_000;
    pause.toggle();
    now = 20_300;
    assert.equal(pause.agent.event('aisess.agent', { kind: 'prompt', text: PROMPT, ago: 5 }), false);
    assert.equal(pause.agent.event('aisess.worktree', { paths: [] }), true);
    pause.agent.marker(`prompt: ${PROMPT}`);
    assert.ok(!JSON.stringify(inner.events).includes(PROMPT));
    assert.ok(JSON.stringify(inner.events).includes('from before'));
  });

  it('real Claude Code 2.1.197: the paused prompt\'s user line (timed) and the last-prompt written at exit (untimed)', () => {
    const real = readFileSync(new URL('../../fixtures/transcripts/claude/privacy-2.1.197.jsonl', import.meta.url), 'utf8').split('\n').filter((l) => l.includes('PAUSEDPROMPT'));
    const [user, last] = real;
    const f = createPausedAgentFilter();
    const state = claudeParser.init();
    const at = Date.parse(JSON.parse(user!).timestamp);
    f.toggle(true, at - 1000);
    f.toggle(false, at + 1000);
    // Read 2 s after the resume: judged by the line's own time.
    const now = at + 3000;
    const events = claudeParser.parseLine(user!, state).map((e) => ({ ...e, ago: (now - state.lineTime!) / 1000 }));
    assert.ok(events.some((e) => e.kind === 'prompt'));
    for (const e of events) assert.equal(f.admit(e, now), null, e.kind);
    assert.equal(f.admit({ kind: 'transcript', line: user, ago: (now - at) / 1000 }, now), null);
    claudeParser.parseLine(last!, state);
    assert.equal(state.lineTime, undefined, 'last-prompt has no time of its own');
    const kept = f.admit({ kind: 'transcript', line: claudeParser.compact(last!, { keepThinking: false, maxString: 4000 }) }, now + 5000) as { line: string };
    assert.equal(JSON.parse(kept.line).lastPrompt, PAUSED_TEXT);
  });
});
