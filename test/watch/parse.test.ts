import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRefs, parseWorktrees, positions } from '../../src/watch/refs.js';
import { parseStatus, type StatusEntry } from '../../src/watch/status.js';

const H = 'a'.repeat(40);
const I = 'b'.repeat(40);
const Z = '0'.repeat(40);

const statusRows: { name: string; input: string; expected: StatusEntry[] }[] = [
  { name: 'empty', input: '', expected: [] },
  {
    name: 'modified with spaces in the name',
    input: `1 .M N... 100644 100644 100644 ${H} ${I} dir/a b.txt\0`,
    expected: [{ path: 'dir/a b.txt', kind: 'tracked', xy: '.M', headBlob: H, indexBlob: I, submodule: false }],
  },
  {
    name: 'added: no HEAD blob',
    input: `1 A. N... 000000 100644 100644 ${Z} ${I} new.txt\0`,
    expected: [{ path: 'new.txt', kind: 'tracked', xy: 'A.', headBlob: null, indexBlob: I, submodule: false }],
  },
  {
    name: 'rename: new path plus its source as deleted',
    input: `2 R. N... 100644 100644 100644 ${H} ${H} R100 to.txt\0from.txt\0`,
    expected: [
      { path: 'to.txt', kind: 'renamed', xy: 'R.', headBlob: null, indexBlob: H, from: 'from.txt', submodule: false },
      { path: 'from.txt', kind: 'tracked', xy: 'D.', headBlob: H, indexBlob: null, submodule: false },
    ],
  },
  {
    name: 'untracked with a newline, then a submodule',
    input: `? new\nline\0` + `1 .M SC.. 160000 160000 160000 ${H} ${H} sub\0`,
    expected: [
      { path: 'new\nline', kind: 'untracked', xy: '??', headBlob: null, indexBlob: null, submodule: false },
      { path: 'sub', kind: 'tracked', xy: '.M', headBlob: H, indexBlob: H, submodule: true },
    ],
  },
  {
    name: 'unmerged takes ours (stage 2)',
    input: `u UU N... 100644 100644 100644 100644 ${Z} ${I} ${H} c.txt\0`,
    expected: [{ path: 'c.txt', kind: 'unmerged', xy: 'UU', headBlob: I, indexBlob: null, submodule: false }],
  },
];

for (const row of statusRows) test(`parseStatus: ${row.name}`, () => assert.deepEqual(parseStatus(row.input), row.expected));

test('parseStatus: a truncated record is an error naming it', () => {
  assert.throws(() => parseStatus('1 .M N... 100644\0'), /malformed status record: "1 \.M N\.\.\. 100644"/);
});

const worktreeRows = [
  {
    name: 'main on a branch, linked detached, a bare entry dropped',
    input: `worktree /r\0HEAD ${H}\0branch refs/heads/main\0\0worktree /r w\0HEAD ${I}\0detached\0\0worktree /bare\0bare\0\0`,
    expected: [
      { path: '/r', head: H, branch: 'refs/heads/main' },
      { path: '/r w', head: I, branch: null },
    ],
  },
  { name: 'fresh repository', input: `worktree /r\0HEAD ${Z}\0branch refs/heads/main\0\0`, expected: [{ path: '/r', head: null, branch: 'refs/heads/main' }] },
];

for (const row of worktreeRows) test(`parseWorktrees: ${row.name}`, () => assert.deepEqual(parseWorktrees(row.input), row.expected));

test('positions: worktrees first, checked-out branches not repeated, only refs/heads', () => {
  const wts = parseWorktrees(`worktree /r\0HEAD ${H}\0branch refs/heads/main\0\0worktree /w\0HEAD ${I}\0detached\0\0`);
  const refs = parseRefs(`${H} refs/heads/main\n${I} refs/heads/topic\n${H} refs/tags/v1\n`);
  assert.deepEqual(positions(wts, refs), [
    { key: 'worktree:/r', oid: H, ref: 'refs/heads/main', worktree: '/r' },
    { key: 'worktree:/w', oid: I, ref: 'HEAD', worktree: '/w' },
    { key: 'ref:refs/heads/topic', oid: I, ref: 'refs/heads/topic', worktree: null },
  ]);
});
