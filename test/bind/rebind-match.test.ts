import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchRecord, type OldCommit, type TargetCommit } from '../../src/bind/rebind-match.js';
import type { NoteRecord } from '../../src/notes/index.js';

const oid = (c: string) => c.repeat(40);
const blobs: Record<string, string> = { [oid('1')]: 'a\nb\n', [oid('2')]: 'a\nB\n', [oid('3')]: 'a\nB\nc\n', [oid('4')]: 'x\n' };
const readBlob = async (o: string) => blobs[o] ?? null;
const summary = { time: 0, agent: 'claude', durationMs: 0, title: '', files: 1 };
const record = (body: unknown): NoteRecord => ({ id: 's:0', summary, body });
const bodyFor = (paths: unknown, patchId: string | null = null) => ({ commit: { id: oid('c'), tree: oid('d'), patchId, paths: [] }, paths });
const old: OldCommit = { id: oid('c'), patchId: oid('9'), paths: new Map([['f', [oid('1'), oid('2')] as const]]) };
const target = (id: string, patchId: string | null, paths: [string, string | null, string | null][]): TargetCommit => ({
  id: oid(id), tree: oid('e'), patchId, paths: new Map(paths.map(([p, b, a]) => [p, [b, a] as const])),
});

test('patch-id: every commit with the same patch-id, before any content check', async () => {
  const r = record(bodyFor([{ path: 'f', blob: oid('2'), bound: 'full' }]));
  const m = await matchRecord(r, old, [target('a', oid('9'), []), target('b', oid('9'), []), target('f', null, [['f', oid('1'), oid('2')]])], readBlob);
  assert.deepEqual(m, { found: true, targets: [oid('a'), oid('b')], rule: 'patch-id' });
});

test('contained: the one commit whose diff holds the change; two are not guessed between', async () => {
  const r = record(bodyFor([{ path: 'f', blob: oid('2'), bound: 'full' }]));
  const squash = target('a', null, [['f', oid('1'), oid('3')], ['g', null, oid('4')]]);
  assert.deepEqual(await matchRecord(r, old, [squash, target('b', null, [['g', null, oid('4')]])], readBlob), { found: true, targets: [oid('a')], rule: 'contained' });
  const twin = target('b', null, [['f', oid('1'), oid('3')]]);
  const m = await matchRecord(r, old, [squash, twin], readBlob);
  assert.equal(m.found, false);
  assert.match((m as { reason: string }).reason, /2 commits hold its change .*not guessing/);
});

test('a commit that changes the path otherwise, or not at all, is not taken', async () => {
  const r = record(bodyFor([{ path: 'f', blob: oid('2'), bound: 'partial' }]));
  const other = target('a', null, [['f', oid('1'), oid('4')]]);
  const m = await matchRecord(r, old, [other], readBlob);
  assert.deepEqual(m.found, false);
  assert.match((m as { reason: string }).reason, /lacks a line the old commit added in "f"/);
  assert.deepEqual(await matchRecord(r, old, [target('b', null, [['g', null, oid('4')]])], readBlob), { found: false, reason: 'no commit in the range changes "f"' });
});

test('the old commit gone: the record patch-id, else the blob it left', async () => {
  const gone: OldCommit = { id: oid('c'), patchId: null, paths: null };
  const r = record(bodyFor([{ path: 'f', blob: oid('3'), bound: 'full' }], oid('8')));
  assert.deepEqual(await matchRecord(r, gone, [target('a', oid('8'), [])], readBlob), { found: true, targets: [oid('a')], rule: 'patch-id' });
  assert.deepEqual(await matchRecord(r, gone, [target('b', null, [['f', oid('1'), oid('3')]])], readBlob), { found: true, targets: [oid('b')], rule: 'contained' });
  const m = await matchRecord(r, gone, [target('b', null, [['f', oid('1'), oid('2')]])], readBlob);
  assert.match((m as { reason: string }).reason, /the old commit is gone to compare lines/);
});

test('foreign bodies: whatever a note holds, an answer and no throw', async () => {
  const gone: OldCommit = { id: oid('c'), patchId: null, paths: null };
  const t = [target('a', oid('9'), [['f', oid('1'), oid('2')]])];
  for (const body of [null, 7, 'x', [], { paths: 'f' }, { paths: [null, 1, { path: 3, bound: 'full' }, { path: 'f', bound: 'yes' }] }, { commit: { patchId: 'not hex' } }]) {
    const m = await matchRecord(record(body), gone, t, readBlob);
    assert.equal(m.found, false, JSON.stringify(body));
  }
});
