import assert from 'node:assert/strict';
import { mkdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readJournal } from '../../src/journal/reader.js';
import { locateStore, stateDir } from '../../src/store/locate.js';
import { git, tempDir, tempRepo } from '../helpers/git.js';
import { record } from '../journal/helpers.js';

const dirs: { cleanup: () => void }[] = [];
after(() => dirs.forEach((d) => d.cleanup()));
function keep<T extends { cleanup: () => void }>(d: T): T {
  dirs.push(d);
  return d;
}
const noRepoEnv = { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir(), AISESS_STATE_DIR: '/state/explicit' };

describe('locateStore', () => {
  test('in a repository: <git dir>/aisess, whatever AISESS_STATE_DIR says', async () => {
    const repo = keep(tempRepo({ 'a.txt': 'a\n' }));
    mkdirSync(join(repo.path, 'sub'));
    const store = await locateStore(join(repo.path, 'sub'), noRepoEnv);
    assert.deepEqual(store, { dir: join(realpathSync(repo.path), '.git', 'aisess'), kind: 'repo', worktree: realpathSync(repo.path) });
  });

  test('in a linked worktree: the common dir, shared by every worktree', async () => {
    const repo = keep(tempRepo({ 'a.txt': 'a\n' }));
    const wt = keep(tempDir('aisess-wt-'));
    git(repo.path, ['worktree', 'add', '-q', join(wt.path, 'linked')]);
    const store = await locateStore(join(wt.path, 'linked'), noRepoEnv);
    assert.equal(store.dir, join(realpathSync(repo.path), '.git', 'aisess'));
    assert.equal(store.kind, 'repo');
    assert.equal(store.worktree, join(realpathSync(wt.path), 'linked'));
  });

  test('a recording in a linked worktree lands in the common dir', async () => {
    const repo = keep(tempRepo({ 'a.txt': 'a\n' }));
    const wt = keep(tempDir('aisess-wt-'));
    git(repo.path, ['worktree', 'add', '-q', join(wt.path, 'linked')]);
    const { rec, warnings } = record('/state/unused', join(wt.path, 'linked'), { env: { ...process.env } });
    rec.output('in the worktree');
    await rec.close({ code: 0 });
    const path = await rec.ready;
    assert.deepEqual(warnings, []);
    assert.equal(path, join(realpathSync(repo.path), '.git', 'aisess', 'sessions', `${rec.id}.cast.zst`));
    assert.equal((await readJournal(path!)).events[0]!.data, 'in the worktree');
  });

  test('in a bare repository: the repository itself, told apart from no repository', async () => {
    const bare = keep(tempDir('aisess-bare-'));
    git(bare.path, ['init', '-q', '--bare']);
    assert.deepEqual(await locateStore(bare.path, noRepoEnv), { dir: join(realpathSync(bare.path), 'aisess'), kind: 'bare', worktree: null });
  });

  test('inside the .git directory: the git dir, no worktree', async () => {
    const repo = keep(tempRepo());
    const store = await locateStore(join(repo.path, '.git'), noRepoEnv);
    assert.equal(store.dir, join(realpathSync(repo.path), '.git', 'aisess'));
    assert.equal(store.worktree, null);
  });

  test('not a repository: the state dir', async () => {
    const dir = keep(tempDir());
    assert.deepEqual(await locateStore(dir.path, noRepoEnv), { dir: '/state/explicit', kind: 'state', worktree: null });
  });

  test('git not installed counts as not a repository', async () => {
    const dir = keep(tempDir());
    const store = await locateStore(dir.path, { ...noRepoEnv, PATH: '/nonexistent' });
    assert.equal(store.kind, 'state');
  });
});

describe('stateDir', () => {
  const rows = [
    { env: { AISESS_STATE_DIR: '/a', XDG_STATE_HOME: '/x', HOME: '/h' }, dir: '/a' },
    { env: { XDG_STATE_HOME: '/x', HOME: '/h' }, dir: '/x/aisess' },
    { env: { XDG_STATE_HOME: 'relative', HOME: '/h' }, dir: '/h/.local/state/aisess' },
    { env: { HOME: '/h' }, dir: '/h/.local/state/aisess' },
  ];
  for (const { env, dir } of rows) {
    test(`${JSON.stringify(env)} → ${dir}`, () => assert.equal(stateDir(env), dir));
  }
});
