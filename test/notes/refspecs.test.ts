import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { notesRefspecs } from '../../src/notes/refspecs.js';

const REF = 'refs/notes/aisess';

test('the remote refspecs that move the notes ref are found, by name or glob, either side', () => {
  const rows: { line: string; found: boolean }[] = [
    { line: 'remote.origin.fetch +refs/heads/*:refs/remotes/origin/*', found: false },
    { line: 'remote.origin.fetch +refs/notes/aisess:refs/notes/aisess', found: true },
    { line: 'remote.origin.fetch refs/notes/*:refs/notes/*', found: true },
    { line: 'remote.origin.push refs/notes/aisess', found: true },
    { line: 'remote.origin.push +refs/notes/aisess:refs/notes/team-aisess', found: true },
    { line: 'remote.origin.fetch +refs/notes/team:refs/notes/aisess', found: true },
    { line: 'remote.origin.fetch ^refs/notes/aisess', found: false },
    { line: 'remote.origin.fetch refs/notes/aisess-old:refs/notes/aisess-old', found: false },
    { line: 'remote.origin.fetch refs/notes/ais*:refs/notes/ais*', found: true },
    { line: 'remote.origin.url https://example.com/refs/notes/aisess', found: false },
    { line: 'remote.my.fork.fetch refs/notes/aisess', found: true },
  ];
  for (const r of rows) assert.equal(notesRefspecs(r.line, REF).length, r.found ? 1 : 0, r.line);
  assert.deepEqual(notesRefspecs('remote.my.fork.push +refs/notes/*:refs/notes/*\nremote.up.fetch x', REF), [
    { remote: 'my.fork', direction: 'push', refspec: '+refs/notes/*:refs/notes/*' },
  ]);
});

test('any config text gives a list, never a throw, and only names remotes of fetch/push lines', () => {
  fc.assert(fc.property(fc.string(), (text) => {
    for (const r of notesRefspecs(text, REF)) assert.ok(text.includes(`remote.${r.remote}.${r.direction} `));
  }));
});
