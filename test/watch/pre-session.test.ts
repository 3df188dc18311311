import assert from 'node:assert/strict';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gitRunner } from '../../src/watch/run-git.js';
import { capturePreSession, PRE_SESSION_FILE_BYTES } from '../../src/watch/pre-session.js';
import { git, tempDir, tempRepo, writeTree } from '../helpers/git.js';

test('capturePreSession: what each tracked file that differs from HEAD held, untracked files left out', async (t) => {
  const repo = tempRepo({ 'mod.txt': 'm0\n', 'staged.txt': 's0\n', 'both.txt': 'b0\n', 'gone.txt': 'g0\n', 'rm.txt': 'r0\n', 'with space.txt': 'w0\n', 'clean.txt': 'c0\n', 'big.bin': 'x', 'link': 'l0\n', 'sub/in.txt': 'i0\n' });
  t.after(repo.cleanup);
  const root = repo.path;
  writeTree(root, { 'sub/in.txt': 'i1\n', 'mod.txt': 'm1\n', 'staged.txt': 's1\n', 'both.txt': 'b1\n', 'with space.txt': 'w1\n', 'new-staged.txt': 'n1\n', 'untracked.txt': 'u\n' });
  git(root, ['add', 'staged.txt', 'both.txt', 'new-staged.txt']);
  writeTree(root, { 'both.txt': 'b2\n' });
  rmSync(join(root, 'gone.txt'));
  git(root, ['rm', '-q', 'rm.txt']);
  writeFileSync(join(root, 'big.bin'), Buffer.alloc(PRE_SESSION_FILE_BYTES + 1, 1));
  rmSync(join(root, 'link'));
  symlinkSync('mod.txt', join(root, 'link'));
  const blob = (rev: string) => git(root, ['rev-parse', rev]);

  const files = (await capturePreSession(gitRunner(join(root, 'sub')), Promise.resolve(root)))!;
  const shown = Object.fromEntries([...files].map(([p, f]) => [p, f.kind === 'bytes' ? `bytes:${f.bytes.toString()}` : f.kind === 'blob' ? `blob:${f.blob}` : f.kind]));
  assert.deepEqual(shown, {
    'mod.txt': 'bytes:m1\n',
    'sub/in.txt': 'bytes:i1\n',
    'staged.txt': `blob:${blob(':staged.txt')}`,
    'both.txt': 'bytes:b2\n',
    'gone.txt': 'absent',
    'rm.txt': 'absent',
    'with space.txt': 'bytes:w1\n',
    'new-staged.txt': `blob:${blob(':new-staged.txt')}`,
    'big.bin': 'unknown',
    link: 'unknown',
  });
});

test('capturePreSession: a clean working tree has nothing to keep', async (t) => {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  t.after(repo.cleanup);
  assert.equal((await capturePreSession(gitRunner(repo.path), repo.path))?.size, 0);
});

test('capturePreSession: no working tree, nothing to look at', async (t) => {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  t.after(repo.cleanup);
  writeTree(repo.path, { 'a.txt': 'b\n' });
  assert.equal(await capturePreSession(gitRunner(repo.path), Promise.resolve(null)), null);
  const elsewhere = tempDir();
  t.after(elsewhere.cleanup);
  await assert.rejects(capturePreSession(gitRunner(elsewhere.path), Promise.resolve(null)));
});
