/**
 * The import's matching rule (src/import/match.ts). The property that matters most: a commit whose
 * diff lacks any line an edit added never takes the edit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { containsAll, holdsEdit, type PathDiff, type RequiredEdit } from '../../src/import/match.js';

const diff = (added: string[], removed: string[] = [], text: string | null = `${added.join('\n')}\n`): PathDiff =>
  ({ blob: 'b', text, added, removed, deleted: false });
const edited = (added: string[], removed: string[] = []): RequiredEdit => ({ change: 'edited', added, removed });

const line = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('}', '', '  return x;', 'import a from "b";', 'x = 1'));

test('never binds when a line the edit added is missing from the commit', () => {
  fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.nat(), fc.array(line, { maxLength: 8 }), fc.boolean(), (added, pick, others, withText) => {
    const missing = added[pick % added.length]!;
    const have = [...added.filter((l) => l !== missing), ...others.filter((l) => l !== missing)];
    const text = withText ? `${have.join('\n')}\n` : null;
    assert.equal(holdsEdit(edited(added), diff(have, [], text)), false);
  }));
});

test('binds when the commit adds every line the edit added, and one of them says something', () => {
  fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.array(line, { maxLength: 8 }), (added, others) => {
    const have = [...others, ...added];
    assert.equal(holdsEdit(edited(added), diff(have)), added.some((l) => /[\p{L}\p{N}]/u.test(l)));
  }));
});

test('the matching rule, case by case', () => {
  const rows: { name: string; edit: RequiredEdit; diff: PathDiff; holds: boolean }[] = [
    { name: 'lines added', edit: edited(['alpha']), diff: diff(['alpha', 'beta']), holds: true },
    { name: 'a line twice needs it twice', edit: edited(['alpha', 'alpha']), diff: diff(['alpha']), holds: false },
    { name: 'only braces and blanks', edit: edited(['}', '']), diff: diff(['}', '']), holds: false },
    { name: 'only removals', edit: edited([], ['old line']), diff: diff([], ['old line']), holds: true },
    { name: 'removals the commit does not make', edit: edited([], ['old line']), diff: diff(['x'], []), holds: false },
    { name: 'a blank line for a real one', edit: edited([''], ['old line']), diff: diff([''], ['old line']), holds: true },
    { name: 'a blank line, the real one kept', edit: edited([''], ['old line']), diff: diff([''], []), holds: false },
    { name: 'whole file written', edit: { change: 'edited', added: ['never in the diff'], removed: [], content: 'all\n' }, diff: diff(['all'], [], 'all\n'), holds: true },
    { name: 'whole file, other text', edit: { change: 'created', added: ['all'], removed: [], content: 'all\n' }, diff: diff(['al'], [], 'al\n'), holds: false },
    { name: 'inserted text present', edit: { ...edited(['f(1, 2)']), inserted: ['f(1, 2)'] }, diff: diff(['f(1, 2)']), holds: true },
    { name: 'inserted text changed after', edit: { ...edited(['f(1, 2)']), inserted: ['f(1, 2)\ng()'] }, diff: diff(['f(1, 2)']), holds: false },
    { name: 'deleted file', edit: { change: 'deleted', added: [], removed: ['x'] }, diff: { blob: null, text: null, added: [], removed: ['x'], deleted: true }, holds: true },
    { name: 'edit of a file the commit deletes', edit: edited(['x']), diff: { blob: null, text: null, added: [], removed: ['x'], deleted: true }, holds: false },
  ];
  for (const r of rows) assert.equal(holdsEdit(r.edit, r.diff), r.holds, r.name);
  assert.equal(containsAll(['a', 'b', 'a'], ['a', 'a']), true);
});
