import assert from 'node:assert/strict';
import { test } from 'node:test';
import { madeHere, parseReflog } from '../../src/bind/reflog.js';

const subjects: [string, boolean][] = [
  ['commit: x', true],
  ['commit (initial): x', true],
  ['commit (amend): x', true],
  ['commit (merge): x', true],
  ['cherry-pick: x', true],
  ['revert: Revert "x"', true],
  ['am: x', true],
  ['rebase (pick): x', true],
  ['rebase -i (squash): x', true],
  ['pull --rebase (pick): x', true],
  ['pull -q --rebase (pick): x', true],
  ['pull -q --rebase: Fast-forward', false],
  ["merge topic: Merge made by the 'ort' strategy.", true],
  ["pull: Merge made by the 'ort' strategy.", true],
  ['rebase (start): checkout main', false],
  ['rebase -i (finish): returning to refs/heads/topic', false],
  ['pull --rebase (start): checkout x', false],
  ['pull: Fast-forward', false],
  ['merge topic: Fast-forward', false],
  ['checkout: moving from a to b', false],
  ['reset: moving to HEAD~1', false],
  ['branch: Created from HEAD', false],
];
for (const [subject, made] of subjects) {
  test(`madeHere: ${subject} → ${made}`, () => assert.equal(madeHere(subject), made));
}

test('parseReflog: entries that made a commit, oldest first, with the commit replaced and the byte offset', () => {
  const z = '0'.repeat(40);
  const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(40));
  const lines = [
    `${z} ${a} Ada <a@x> 1767225600 +0000\tcommit (initial): one`,
    `${a} ${b} Ada <a@x> 1767225601 +0000\tcheckout: moving from main to t`,
    `${b} ${c} Ada <a@x> 1767225602 -0130\tcommit (amend): two`,
  ];
  const text = `${lines.join('\n')}\n`;
  assert.deepEqual(parseReflog(text), [
    { commit: a, previous: null, at: 1767225600000, offset: 0, subject: 'commit (initial): one' },
    { commit: c, previous: b, at: 1767225602000, offset: Buffer.byteLength(`${lines[0]}\n${lines[1]}\n`), subject: 'commit (amend): two' },
  ]);
});
