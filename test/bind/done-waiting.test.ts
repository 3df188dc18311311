/**
 * doneWaiting's second look, made deterministic: what happens between the two looks is done by the
 * Contents the function is given, whose first load() runs after the first look and before the wait.
 */
import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Contents } from '../../src/bind/contents.js';
import { doneWaiting } from '../../src/bind/done-waiting.js';
import { headLogSize } from '../../src/bind/reflog.js';
import { openRepo, type Repo } from '../../src/git/repo.js';
import { storeDirOf } from '../../src/hooks/init.js';
import { emptyLedger } from '../../src/segment/ledger.js';
import type { PendingChange } from '../../src/segment/pending.js';
import { git, tempRepo } from '../helpers/git.js';

const BEFORE = 'one\n';
const AFTER = 'one\ntwo\n';

/** Contents that runs `between` once, when doneWaiting first loads blobs: after its first look. */
class ContentsWithHook extends Contents {
  loads = 0;
  constructor(repo: Repo, storeDir: string, private readonly between: () => void) {
    super(repo, storeDir);
  }

  override async load(blobs: Iterable<string | null | undefined>): Promise<void> {
    if (this.loads++ === 0) this.between();
    return super.load(blobs);
  }
}

/** Written with a time well past the "just written" window, so only the content can tell. */
function writeOld(file: string, text: string): void {
  writeFileSync(file, text);
  const past = new Date(Date.now() - 10_000);
  utimesSync(file, past, past);
}

/**
 * A finished session changed a.txt from BEFORE to AFTER; no commit took it and the working tree
 * shows BEFORE again (thrown away, or a save caught halfway). `between` runs between the two looks.
 */
async function judge(t: { after: (fn: () => void) => void }, between: (repoPath: string) => void): Promise<{ done: Map<string, string>; loads: number }> {
  const dir = tempRepo({ 'a.txt': BEFORE });
  t.after(dir.cleanup);
  const file = join(dir.path, 'a.txt');
  const blob = (text: string) => git(dir.path, ['hash-object', '-w', '--stdin'], text);
  const change = { key: '3:a.txt', path: 'a.txt', before: blob(BEFORE), blob: blob(AFTER), status: 'modified' };
  writeOld(file, BEFORE);
  const repo = await openRepo(dir.path);
  const storeDir = storeDirOf(repo);
  mkdirSync(storeDir, { recursive: true });
  const contents = new ContentsWithHook(repo, storeDir, () => between(dir.path));
  const pending: PendingChange[] = [{ segment: 0, change, lines: null }];
  try {
    const head = git(dir.path, ['rev-parse', 'HEAD']);
    const done = await doneWaiting(repo, storeDir, contents, emptyLedger(), pending, () => true, head, await headLogSize(repo));
    return { done, loads: contents.loads };
  } finally {
    contents.close();
  }
}

test('a change no place holds, with nothing moving between the looks, is done: discarded', async (t) => {
  const { done, loads } = await judge(t, () => {});
  assert.equal(loads, 1);
  assert.deepEqual([...done], [['3:a.txt', 'discarded']]);
});

test('the file back with the change at the second look (a save caught halfway): not done, the change keeps waiting', async (t) => {
  const { done, loads } = await judge(t, (repo) => writeOld(join(repo, 'a.txt'), AFTER));
  assert.equal(loads, 1);
  assert.deepEqual([...done], []);
});

test('the change staged between the looks, the file as before: not done', async (t) => {
  const { done } = await judge(t, (repo) => {
    writeOld(join(repo, 'a.txt'), AFTER);
    git(repo, ['add', 'a.txt']);
    writeOld(join(repo, 'a.txt'), BEFORE);
  });
  assert.deepEqual([...done], []);
});

test('a commit made between the looks (the reflog moved): nothing is judged this run', async (t) => {
  const { done } = await judge(t, (repo) => git(repo, ['commit', '-q', '--allow-empty', '-m', 'meanwhile']));
  assert.deepEqual([...done], []);
});
