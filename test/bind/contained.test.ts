import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { changeContained } from '../../src/bind/contained.js';
import { requestOf, requestOfRef } from '../../src/history/pull-request.js';
import { parseStdinRawDiff } from '../../src/bind/rebind-git.js';

const text = (lines: readonly string[]) => lines.map((l) => `${l}\n`).join('');

/** A hunk replaces base lines [start, start + remove) with `add`; never empty. */
interface Hunk {
  start: number;
  remove: number;
  add: string[];
}

function apply(base: readonly string[], hunks: readonly Hunk[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const h of [...hunks].sort((a, b) => a.start - b.start)) {
    out.push(...base.slice(at, h.start), ...h.add);
    at = h.start + h.remove;
  }
  return [...out, ...base.slice(at)];
}

// Base lines repeat ('}', blank) as code does; what a hunk adds is its own.
const scenario = fc
  .record({
    base: fc.array(fc.oneof(fc.constantFrom('}', '', '  return x;'), fc.nat(999).map((n) => `base ${n}`)), { minLength: 1, maxLength: 30 }),
    cuts: fc.uniqueArray(fc.nat(40), { minLength: 1, maxLength: 6 }),
    shapes: fc.array(fc.record({ remove: fc.nat(3), add: fc.nat(3) }), { minLength: 6, maxLength: 6 }),
    omit: fc.nat(5),
    extra: fc.array(fc.nat(40), { maxLength: 3 }),
  })
  .map(({ base, cuts, shapes, omit, extra }) => {
    // Disjoint hunks with a kept line between them, so git-style alignment cannot merge two.
    const hunks: Hunk[] = [];
    let next = 0;
    for (const [i, cut] of [...cuts].sort((a, b) => a - b).entries()) {
      const start = Math.max(next, cut % (base.length + 1));
      if (start > base.length) break;
      const s = shapes[i]!;
      const remove = Math.min(s.remove, base.length - start);
      const add = Array.from({ length: remove + s.add === 0 ? 1 : s.add }, (_, j) => `hunk ${i} line ${j}`);
      hunks.push({ start, remove, add });
      next = start + remove + 1;
    }
    // Other changes the squash brings: fresh lines inserted where no hunk is.
    const used = new Set(hunks.flatMap((h) => Array.from({ length: h.remove + 1 }, (_, k) => h.start + k)));
    const others = [...new Set(extra.map((e) => e % (base.length + 1)))].filter((p) => !used.has(p)).map((p, j): Hunk => ({ start: p, remove: 0, add: [`other ${j}`] }));
    return { base, hunks, omit: omit % hunks.length, others };
  });

test('contained: never when one hunk of the old change is absent from the squash', () => {
  fc.assert(
    fc.property(scenario, ({ base, hunks, omit, others }) => {
      const old = { before: text(base), after: text(apply(base, hunks)) };
      const squash = { before: text(base), after: text(apply(base, [...hunks.filter((_, i) => i !== omit), ...others])) };
      assert.equal(changeContained(old, squash).contained, false);
    }),
    { numRuns: 400 },
  );
});

test('contained: yes when every hunk is there, whatever else the squash adds', () => {
  fc.assert(
    fc.property(scenario, ({ base, hunks, others }) => {
      const old = { before: text(base), after: text(apply(base, hunks)) };
      const squash = { before: text(base), after: text(apply(base, [...hunks, ...others])) };
      assert.deepEqual(changeContained(old, squash), { contained: true });
    }),
    { numRuns: 400 },
  );
});

test('contained: a later commit of the squash on the same file; a file created and then edited', () => {
  const base = ['a', 'b', 'c', 'd', 'e'];
  const c1 = ['a', 'B', 'c', 'd', 'e'];
  const c2 = ['a', 'B', 'c', 'D', 'e'];
  const squash = { before: text(base), after: text(c2) };
  assert.ok(changeContained({ before: text(base), after: text(c1) }, squash).contained);
  assert.ok(changeContained({ before: text(c1), after: text(c2) }, squash).contained);
  // c2 rewrote the line c1 added: c1's change is not in the squash as c1 made it.
  const c2b = ['a', 'B2', 'c', 'd', 'e'];
  assert.deepEqual(changeContained({ before: text(base), after: text(c1) }, { before: text(base), after: text(c2b) }), { contained: false, missing: 'added', line: 'B' });
  // Created by one commit, edited by the next: the edit's removed line never was in the squash's parent.
  const created = { before: null, after: text(c2) };
  assert.ok(changeContained({ before: text(c1), after: text(c2) }, created).contained);
  // A deletion must be a deletion.
  assert.deepEqual(changeContained({ before: text(base), after: null }, { before: text(base), after: '' }), { contained: false, missing: 'deleted', line: '' });
  assert.ok(changeContained({ before: text(base), after: null }, { before: text(base), after: null }).contained);
});

test('requestOf: GitHub (#N) ends the subject; GitLab !N ends it or a See merge request line', () => {
  assert.deepEqual(requestOf('feature (#7)'), { kind: 'pull', number: 7 });
  assert.deepEqual(requestOf('feature (#7)\n\n* c1\n* c2'), { kind: 'pull', number: 7 });
  assert.deepEqual(requestOf('Fix it\n\nSee merge request group/app!12\n'), { kind: 'merge', number: 12 });
  assert.deepEqual(requestOf('Fix it (!12)'), { kind: 'merge', number: 12 });
  for (const m of ['feature #7', 'feature (#7) and more', 'wow!12', 'body\n(#7)', '', 'x (#1234567890)']) assert.equal(requestOf(m), null, m);
  assert.deepEqual(requestOfRef('refs/remotes/origin/pull/7/head'), { kind: 'pull', number: 7 });
  assert.deepEqual(requestOfRef('refs/merge-requests/3/head'), { kind: 'merge', number: 3 });
  for (const r of ['refs/pull/7/merge', 'refs/remotes/a/b/pull/7/head', 'refs/heads/pull/7/head']) assert.equal(requestOfRef(r), null, r);
});

test('parseStdinRawDiff: commits and their paths, a path that looks like a commit id included', () => {
  const c = 'a'.repeat(40);
  const d = 'b'.repeat(40);
  const blob = '1'.repeat(40);
  const zero = '0'.repeat(40);
  const out = `${c}\0:100644 100644 ${blob} ${blob.replace(/1/g, '2')} M\0${d}\0:000000 100644 ${zero} ${blob} A\0x y\0${d}\0`;
  const parsed = parseStdinRawDiff(out);
  assert.deepEqual([...parsed.keys()], [c, d]);
  assert.deepEqual([...parsed.get(c)!], [[d, [blob, blob.replace(/1/g, '2')]], ['x y', [null, blob]]]);
  assert.deepEqual([...parsed.get(d)!], []);
});
