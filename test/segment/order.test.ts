import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournalEvent } from '../../src/journal/events.js';
import { eventAgo } from '../../src/journal/event-data.js';
import { happenedAt, turnOrder } from '../../src/segment/order.js';
import { base, o, sessionEvents, w } from './fixtures.js';

const agent = (value: Record<string, unknown>) => (time: number): JournalEvent => ({ time, code: 'aisess.agent', data: JSON.stringify(value) });
const marker = (label: string) => (time: number): JournalEvent => ({ time, code: 'm', data: label });
/** The event as journalled with `ago`: it happened that many seconds before its journal time. */
const ago = (step: (t: number) => JournalEvent, seconds: number) => (t: number): JournalEvent => {
  const e = step(t);
  return { ...e, data: JSON.stringify({ ...JSON.parse(e.data), ago: seconds }) };
};
const prompt = (text: string) => agent({ kind: 'prompt', text });
const call = agent({ kind: 'tool_call', id: 't', name: 'Bash', args: { command: 'make' } });
const result = agent({ kind: 'tool_result', id: 't', ok: true });

/** Each event named by its journal time (1, 2, …), in the order turnOrder puts them. */
const order = (events: JournalEvent[]) => turnOrder(events).map((e) => e.time);

const table: { name: string; events: JournalEvent[]; expected: number[] }[] = [
  { name: 'without any `ago` nothing moves', events: sessionEvents(o('a'), prompt('p'), w(['a', 'A1'])), expected: [1, 2, 3] },
  { name: 'a prompt moves back to its transcript time', events: sessionEvents(o('typing'), o('echo'), ago(prompt('p'), 1.5)), expected: [1, 3, 2] },
  { name: 'a marker written with an agent event moves with it', events: sessionEvents(o('echo'), ago(prompt('p'), 1.5), marker('prompt: p')), expected: [2, 3, 1] },
  { name: 'a transcript time in the future does not move the event forward', events: sessionEvents(ago(prompt('p'), -5), o('x')), expected: [1, 2] },
  {
    name: "agent events keep the transcript's order when two clocks a millisecond apart would swap them",
    events: sessionEvents(o('x'), ago(call, 1.5), ago(result, 2.6)),
    expected: [2, 3, 1],
  },
  {
    name: 'a prompt its agent drew before writing it opens its turn at the echo, before the turn start written ahead of it',
    events: sessionEvents(o('answer'), o('\x1b[3;1H› \x1b[1mfix the parser\x1b[0m'), o('Working'), ago(agent({ kind: 'turn', edge: 'start' }), 1.9), ago(prompt('fix the parser'), 2.6)),
    expected: [1, 5, 2, 4, 3],
  },
  {
    name: 'an echo older than the window does not move a prompt',
    events: sessionEvents(o('fix the parser'), o('x'), o('y'), o('z'), ago(prompt('fix the parser'), 0)),
    expected: [1, 2, 3, 4, 5],
  },
  {
    name: "a quick agent's prompt moves before the start snapshot journalled after it, and before the change split off that snapshot",
    events: sessionEvents(o('x'), base(), ago(w(['a', 'A1']), 0.5), ago(prompt('p'), 2.5)),
    expected: [1, 4, 2, 3],
  },
  {
    name: 'an agent event never moves before a change without a time of its own',
    events: sessionEvents(o('x'), w(['a', 'A1']), ago(prompt('p'), 2)),
    expected: [1, 2, 3],
  },
  {
    name: 'a change made before a prompt that was journalled first moves just before it',
    events: sessionEvents(o('work'), ago(prompt('p'), 0), o('echo'), ago(w(['a', 'A1']), 2.5)),
    expected: [1, 4, 2, 3],
  },
  {
    name: 'a change made at the moment of the prompt (clocks a few ms apart) stays after it',
    events: sessionEvents(o('work'), ago(prompt('p'), 0), o('echo'), ago(w(['a', 'A1']), 1.95)),
    expected: [1, 2, 3, 4],
  },
  {
    name: 'changes keep their own order, even when a later one says it happened earlier',
    events: sessionEvents(o('x'), ago(prompt('p'), 0), ago(w(['a', 'A1']), 0), ago(w(['a', 'A2']), 3)),
    expected: [1, 2, 3, 4],
  },
  {
    name: 'a change moved back still follows the change before it',
    events: sessionEvents(w(['a', 'A1']), ago(prompt('p'), 0), ago(w(['a', 'A2']), 2.5)),
    expected: [1, 3, 2],
  },
];

for (const row of table) {
  test(`turnOrder: ${row.name}`, () => assert.deepEqual(order(row.events), row.expected));
}

test('happenedAt and eventAgo read `ago` only on agent events and changes, wherever it is written', () => {
  assert.equal(happenedAt(ago(prompt('p'), 0.25)(2)), 1.75);
  assert.equal(happenedAt(ago(prompt('p'), -1)(2)), 2);
  assert.equal(eventAgo(ago(w(['a', 'A1']), 0.5)(1)), 0.5);
  assert.equal(eventAgo({ time: 1, code: 'o', data: '{"x":1,"ago":3}' }), undefined);
  assert.equal(eventAgo(agent({ kind: 'answer', text: ',"ago":3}' })(1)), undefined);
  assert.equal(eventAgo({ time: 1, code: 'aisess.agent', data: '{"ago":2,"kind":"answer","text":"x"}' }), 2);
});
