import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planNoteTree, type Level, type TreeSpec } from '../../src/notes/fanout.js';

const obj = 'ab'.padEnd(40, '1');
const blob = (name: string, oid = 'b'.repeat(40)) => ({ mode: '100644', type: 'blob' as const, oid, name });
const dir = (name: string) => ({ mode: '040000', type: 'tree' as const, oid: 't'.repeat(40), name });
/** Names only, children nested, for readable expectations. */
const shape = (s: TreeSpec | null): unknown => s && s.entries.map((e) => ('spec' in e ? { [e.name]: shape(e.spec) } : e.name));

describe('planNoteTree', () => {
  const rows: { name: string; levels: Level[]; blob: string | null; expected: unknown; fanoutAt?: number }[] = [
    { name: 'no notes yet: flat at the root', levels: [], blob: 'n', expected: [obj] },
    { name: 'flat level: added flat, replacing an old copy', levels: [{ consumed: 0, entries: [blob('c'.repeat(40)), blob(obj)] }], blob: 'n', expected: ['c'.repeat(40), obj] },
    { name: 'fanned level without our dir: a new xx/ dir', levels: [{ consumed: 0, entries: [dir('cd')] }], blob: 'n', expected: ['cd', { ab: [obj.slice(2)] }] },
    {
      name: 'inside our dir, removing a flat copy at the root too',
      levels: [{ consumed: 0, entries: [blob(obj), dir('ab'), dir('cd')] }, { consumed: 2, entries: [blob('2'.repeat(38))] }],
      blob: 'n',
      expected: [{ ab: ['2'.repeat(38), obj.slice(2)] }, 'cd'],
    },
    { name: 'removing the last note of a subtree drops the subtree', levels: [{ consumed: 0, entries: [dir('ab'), dir('cd')] }, { consumed: 2, entries: [blob(obj.slice(2))] }], blob: null, expected: ['cd'] },
    { name: 'removing the only note empties the root', levels: [{ consumed: 0, entries: [blob(obj)] }], blob: null, expected: null },
    {
      name: 'past the threshold a flat level is split; other entries stay',
      levels: [{ consumed: 0, entries: [blob('c'.repeat(40)), blob('README')] }],
      blob: 'n',
      fanoutAt: 1,
      expected: ['README', { cc: ['c'.repeat(38)] }, { ab: [obj.slice(2)] }],
    },
  ];
  for (const r of rows) {
    test(r.name, () => assert.deepEqual(shape(planNoteTree(r.levels, obj, r.blob, r.fanoutAt)), r.expected));
  }
});
