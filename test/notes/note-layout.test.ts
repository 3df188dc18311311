import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NotePath } from '../../src/notes/note-index.js';
import { layoutChanges, type NoteChange, type PathChange } from '../../src/notes/note-layout.js';

const id = (prefix: string, fill = '1'): string => prefix.padEnd(40, fill);
/** A note of ours at a path: slashes cut the object id into fanout directories. */
const at = (path: string, blob = 'b'.repeat(40)): NotePath => ({ path, object: path.replaceAll('/', ''), blob });
const fan = (object: string, depth: number): string => `${object.slice(0, 2 * depth).replace(/(..)/g, '$1/')}${object.slice(2 * depth)}`;
const sorted = (changes: PathChange[]): PathChange[] => [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

describe('layoutChanges', () => {
  test('a noted object keeps its path at whatever depth ours has it', () => {
    const ours = [at(fan(id('ab'), 0)), at(fan(id('cd'), 1)), at(fan(id('ef'), 2))];
    const changes: NoteChange[] = [{ object: id('ab'), blob: 'n'.repeat(40) }, { object: id('cd'), blob: ':1' }, { object: id('ef'), remove: true }];
    assert.deepEqual(sorted(layoutChanges(ours, changes)), [
      { path: fan(id('ab'), 0), blob: 'n'.repeat(40) },
      { path: fan(id('cd'), 1), blob: ':1' },
      { path: fan(id('ef'), 2), remove: true },
    ]);
  });

  test('an object at two depths is written once, at its first path; the other goes', () => {
    const ours = [at(fan(id('ab'), 1), 'b'.repeat(40)), at(fan(id('ab'), 0), 'c'.repeat(40))];
    assert.deepEqual(sorted(layoutChanges(ours, [{ object: id('ab'), blob: ':1' }])), [
      { path: fan(id('ab'), 1), blob: ':1' },
      { path: fan(id('ab'), 0), remove: true },
    ]);
    assert.deepEqual(sorted(layoutChanges(ours, [{ object: id('ab'), remove: true }])), [
      { path: fan(id('ab'), 1), remove: true },
      { path: fan(id('ab'), 0), remove: true },
    ]);
  });

  test('a new note goes down the fanout directories ours has for it', () => {
    const ours = [at(fan(id('ab', '2'), 2)), at(fan(id('cd'), 1))];
    const changes: NoteChange[] = [
      { object: id('ab'), blob: 'n'.repeat(40) }, // ab/ and ab/11/... : ab/ exists, ab/11/ does not but ab/ is fanned: a new ab/11/
      { object: id('cd', '3'), blob: 'n'.repeat(40) }, // cd/ exists and holds notes only: in it
      { object: id('ef'), blob: 'n'.repeat(40) }, // the root is fanned: a new ef/
    ];
    assert.deepEqual(sorted(layoutChanges(ours, changes)).map((c) => c.path), [fan(id('ab'), 2), fan(id('cd', '3'), 1), fan(id('ef'), 1)]);
  });

  test('into an empty or flat tree new notes go flat while the level stays small', () => {
    const changes: NoteChange[] = [{ object: id('ab'), blob: 'n'.repeat(40) }, { object: id('cd'), blob: ':1' }];
    assert.deepEqual(sorted(layoutChanges([], changes)).map((c) => c.path), [id('ab'), id('cd')]);
    assert.deepEqual(sorted(layoutChanges([at(id('ef'))], changes, 3)).map((c) => c.path), [id('ab'), id('cd')]);
  });

  test('a flat level that outgrows fanoutAt is split, old notes moved, and split again below', () => {
    const ours = [at(id('ab', '2'), 'o'.repeat(40))];
    const changes: NoteChange[] = [{ object: id('ab'), blob: ':1' }, { object: id('cd'), blob: 'n'.repeat(40) }];
    assert.deepEqual(sorted(layoutChanges(ours, changes, 2)), [
      { path: fan(id('ab'), 1), blob: ':1' },
      { path: fan(id('ab', '2'), 1), blob: 'o'.repeat(40) },
      { path: id('ab', '2'), remove: true },
      { path: fan(id('cd'), 1), blob: 'n'.repeat(40) },
    ]);
    // With fanoutAt 1, ab/ (two notes) is split again; cd/ (one) is not.
    assert.deepEqual(sorted(layoutChanges(ours, changes, 1)).map((c) => c.path), [fan(id('ab'), 2), fan(id('ab', '2'), 2), id('ab', '2'), fan(id('cd'), 1)]);
  });

  test('a level that only keeps its notes is not split, however full', () => {
    const ours = [at(id('ab')), at(id('cd')), at(id('ef'))];
    assert.deepEqual(layoutChanges(ours, [{ object: id('ab'), blob: ':1' }], 1), [{ path: id('ab'), blob: ':1' }]);
  });

  test('a stray directory that is no fanout is never descended into', () => {
    const ours = [at('abc/'.concat(id('abc').slice(3)))];
    assert.deepEqual(layoutChanges(ours, [{ object: id('ab'), blob: 'n'.repeat(40) }]).map((c) => c.path), [id('ab')]);
  });
});
