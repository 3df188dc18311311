import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournalEvent } from '../../src/journal/events.js';
import { cutRules, type CutRule } from '../../src/segment/cut.js';
import { segmentSession } from '../../src/segment/segmenter.js';
import { base, o, sessionEvents, w } from './fixtures.js';

/** An agent event (as the adapters journal them). */
const agent = (value: Record<string, unknown>) => (time: number) => ({ time, code: 'aisess.agent', data: JSON.stringify(value) });
const prompt = (text: string) => agent({ kind: 'prompt', text });
const answer = (text: string) => agent({ kind: 'answer', text });
/** The event as journalled with `ago`: it happened that many seconds before its journal time. */
const ago = (step: (t: number) => JournalEvent, seconds: number) => (t: number): JournalEvent => {
  const e = step(t);
  return { ...e, data: JSON.stringify({ ...JSON.parse(e.data), ago: seconds }) };
};

const shape = (events: ReturnType<typeof sessionEvents>, cut?: CutRule) =>
  segmentSession(events, { cut }).segments.map((s) => ({
    index: s.index,
    span: [s.start, s.end],
    firstChangeAt: s.firstChangeAt,
    changes: s.changes.map((c) => `${c.path}=${c.blob}`),
    events: s.events.length,
  }));

const table: { name: string; events: ReturnType<typeof sessionEvents>; expected: ReturnType<typeof shape> }[] = [
  { name: 'no events: no segments', events: [], expected: [] },
  {
    name: 'output only: one no-change segment',
    events: sessionEvents(o('hi'), o('there')),
    expected: [{ index: 0, span: [1, 2], firstChangeAt: null, changes: [], events: 2 }],
  },
  {
    name: 'a change ends the segment that led to it; the tail is its own segment',
    events: sessionEvents(o('prompt'), o('work'), w(['a', 'A1']), o('done')),
    expected: [
      { index: 0, span: [1, 3], firstChangeAt: 3, changes: ['a=A1'], events: 3 },
      { index: 1, span: [4, 4], firstChangeAt: null, changes: [], events: 1 },
    ],
  },
  {
    name: 'edit A then B: two segments',
    events: sessionEvents(o('p1'), w(['a', 'A1']), o('p2'), w(['b', 'B1'])),
    expected: [
      { index: 0, span: [1, 2], firstChangeAt: 2, changes: ['a=A1'], events: 2 },
      { index: 1, span: [3, 4], firstChangeAt: 4, changes: ['b=B1'], events: 2 },
    ],
  },
  {
    name: 'a baseline snapshot is not a change, and does not cut',
    events: sessionEvents(base(['dirty', 'D0']), o('p'), w(['a', 'A1'])),
    expected: [{ index: 0, span: [1, 3], firstChangeAt: 3, changes: ['a=A1'], events: 3 }],
  },
  {
    // Was: 'welcome' and the output before p2 made segments of their own. A turn now starts where the
    // previous one's work (its last agent event) ended: the screen before a prompt (the user typing it) is its turn's.
    name: 'a prompt opens a segment: the turn and the change it made stay together, with the screen that led to it',
    events: sessionEvents(o('welcome'), prompt('p1'), o('work'), w(['a', 'A1']), answer('answer'), o('typing p2'), prompt('p2'), w(['b', 'B1'])),
    expected: [
      { index: 0, span: [1, 4], firstChangeAt: 4, changes: ['a=A1'], events: 4 },
      { index: 1, span: [5, 5], firstChangeAt: null, changes: [], events: 1 },
      { index: 2, span: [6, 8], firstChangeAt: 8, changes: ['b=B1'], events: 3 },
    ],
  },
  {
    // The answer's transcript line was read with a time a moment before the screen finished drawing it.
    name: 'output drawn within half a second of the last work is that work\'s, not the next turn\'s lead',
    events: sessionEvents(prompt('p1'), w(['a', 'A1']), o('answer, half drawn'), o('answer drawn'), ago(answer('answer'), 1.2), o('typing p2'), ago(prompt('p2'), 0.5), w(['b', 'B1'])),
    expected: [
      { index: 0, span: [1, 2], firstChangeAt: 2, changes: ['a=A1'], events: 2 },
      { index: 1, span: [3, 5], firstChangeAt: null, changes: [], events: 3 },
      { index: 2, span: [6, 8], firstChangeAt: 8, changes: ['b=B1'], events: 3 },
    ],
  },
  {
    name: 'the raw transcript line read with the answer does not end its drawing early',
    events: sessionEvents(
      prompt('p1'), w(['a', 'A1']), o('answer, half drawn'), o('answer drawn'), ago(answer('answer'), 1.5),
      ago(agent({ kind: 'transcript', line: '{}' }), 2.5), o('typing p2'), ago(prompt('p2'), 0.5), w(['b', 'B1']),
    ),
    expected: [
      { index: 0, span: [1, 2], firstChangeAt: 2, changes: ['a=A1'], events: 2 },
      { index: 1, span: [3, 6], firstChangeAt: null, changes: [], events: 4 },
      { index: 2, span: [7, 9], firstChangeAt: 9, changes: ['b=B1'], events: 3 },
    ],
  },
  {
    name: 'a change that cuts while its turn\'s answer is still being drawn keeps that drawing',
    events: [
      prompt('p1')(1), o('answer, half drawn')(2), ago(answer('answer'), 0.4)(3), w(['a', 'A1'])(3), o('answer drawn')(3),
      o('typing p2')(5), ago(prompt('p2'), 0.5)(6), w(['b', 'B1'])(7),
    ],
    expected: [
      { index: 0, span: [1, 3], firstChangeAt: 3, changes: ['a=A1'], events: 5 },
      { index: 1, span: [5, 7], firstChangeAt: 7, changes: ['b=B1'], events: 3 },
    ],
  },
  {
    name: 'a prompt read late from the transcript opens its turn before its echo and the tool output',
    events: sessionEvents(prompt('p1'), w(['a', 'A1']), o('echo p2'), o('Write(b)'), ago(prompt('p2'), 2.5)),
    expected: [
      { index: 0, span: [1, 2], firstChangeAt: 2, changes: ['a=A1'], events: 2 },
      { index: 1, span: [3, 5], firstChangeAt: null, changes: [], events: 3 },
    ],
  },
  {
    name: 'a prompt never moves before a change that does not say when it happened (that cut is final)',
    events: sessionEvents(prompt('p1'), answer('x'), w(['a', 'A1']), ago(prompt('p2'), 3)),
    expected: [
      { index: 0, span: [1, 3], firstChangeAt: 3, changes: ['a=A1'], events: 3 },
      { index: 1, span: [4, 4], firstChangeAt: null, changes: [], events: 1 },
    ],
  },
  {
    name: 'a change reported after the next prompt but made before it belongs to the turn it was made in',
    events: sessionEvents(prompt('p1'), answer('work'), ago(prompt('p2'), 0), o('echo p2'), ago(w(['a', 'A1']), 3.5)),
    expected: [
      { index: 0, span: [1, 5], firstChangeAt: 5, changes: ['a=A1'], events: 3 },
      { index: 1, span: [3, 4], firstChangeAt: null, changes: [], events: 2 },
    ],
  },
  {
    name: 'a change made after the prompt stays in its turn, however late the prompt is read',
    events: sessionEvents(prompt('p1'), w(['a', 'A1']), o('echo p2'), ago(w(['b', 'B1']), 0.5), ago(prompt('p2'), 2.5)),
    expected: [
      { index: 0, span: [1, 2], firstChangeAt: 2, changes: ['a=A1'], events: 2 },
      { index: 1, span: [3, 5], firstChangeAt: 4, changes: ['b=B1'], events: 3 },
    ],
  },
  {
    name: 'a prompt first in the session does not leave an empty segment before it',
    events: sessionEvents(prompt('p1'), prompt('p2'), o('x')),
    expected: [
      { index: 0, span: [1, 1], firstChangeAt: null, changes: [], events: 1 },
      { index: 1, span: [2, 3], firstChangeAt: null, changes: [], events: 2 },
    ],
  },
  {
    name: 'other agent events (answers, a text that mentions "prompt") do not cut',
    events: sessionEvents(prompt('p1'), agent({ kind: 'answer', text: 'prompt' }), agent({ kind: 'tool_call', name: 'prompt', args: {} }), o('{"kind":"prompt"}')),
    expected: [{ index: 0, span: [1, 4], firstChangeAt: null, changes: [], events: 4 }],
  },
  {
    name: 'an agent event that is not JSON does not cut',
    events: sessionEvents(o('a'), (t) => ({ time: t, code: 'aisess.agent', data: '"prompt' }), o('b')),
    expected: [{ index: 0, span: [1, 3], firstChangeAt: null, changes: [], events: 3 }],
  },
  {
    name: 'deletion keeps a null blob',
    events: sessionEvents(w(['gone', null])),
    expected: [{ index: 0, span: [1, 1], firstChangeAt: 1, changes: ['gone=null'], events: 1 }],
  },
];

for (const row of table) {
  test(`segmentSession: ${row.name}`, () => {
    assert.deepEqual(shape(row.events), row.expected);
  });
}

test('segmentSession: the cut rule is pluggable (a turn boundary opens a segment)', () => {
  const turn: CutRule = (e) => (e.code === 'm' ? 'before' : null);
  const events = sessionEvents(o('a'), (t) => ({ time: t, code: 'm', data: 'turn' }), o('b'), w(['x', 'X1']), w(['y', 'Y1']));
  const onlyTurns = shape(events, turn).map((s) => s.changes);
  assert.deepEqual(onlyTurns, [[], ['x=X1', 'y=Y1']]);
  const both = shape(events, cutRules(turn, (e) => (e.code === 'aisess.worktree' ? 'after' : null))).map((s) => s.changes);
  assert.deepEqual(both, [[], ['x=X1'], ['y=Y1']]);
});

test('segmentSession: two changes of a path within one segment stay two changes, each from the content before it', () => {
  const turn: CutRule = () => null;
  const [seg] = segmentSession(sessionEvents(w(['a', 'A1']), w(['a', 'A2'])), { cut: turn }).segments;
  assert.deepEqual(seg?.changes.map((c) => `${c.key} ${c.before ?? '?'}→${c.blob}`), ['0:a ?→A1', '1:a A1→A2']);
  assert.equal(seg?.firstChangeAt, 1);
});

test('segmentSession: the baseline is what was dirty at start, and the first change of a dirty path starts from it', () => {
  const events = sessionEvents(base(['d', 'D0'], ['e', null]), w(['d', 'D1']));
  const cut = segmentSession(events);
  assert.deepEqual([...cut.baseline], [['d', 'D0'], ['e', null]]);
  assert.deepEqual(cut.segments[0]?.changes.map((c) => [c.before, c.blob]), [['D0', 'D1']]);
});

