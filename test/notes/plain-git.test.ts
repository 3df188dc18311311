import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendRecords, ensureRewriteConfig, readNote, removeRewriteConfig } from '../../src/notes/index.js';
import { git, gitEnv, tempDir, writeTree } from '../helpers/git.js';
import { gitShowNote, open, record, tempRepos } from './helpers.js';

const { repoWith, removeLater } = tempRepos();
const ids = async (dir: string, rev: string): Promise<string[]> => {
  const note = await readNote(await open(dir), rev);
  assert.deepEqual(note.problems, [], `problems on ${rev}`);
  return note.records.map((r) => r.id).sort();
};

describe('plain git keeps every record decodable', () => {
  test('two clones annotate one commit; git notes merge -s cat_sort_uniq keeps both', async () => {
    const origin = repoWith();
    const base = tempDir('aisess-clones-');
    removeLater(base.cleanup);
    git(base.path, ['clone', '-q', origin, 'a']);
    git(base.path, ['clone', '-q', origin, 'b']);
    const [a, b] = [`${base.path}/a`, `${base.path}/b`];
    await appendRecords(await open(a), 'HEAD', [record('alice:0', { who: 'alice' }, 1), record('both:0', 'same', 3)]);
    await appendRecords(await open(b), 'HEAD', [record('bob:0', { who: 'bob' }, 2), record('both:0', 'same', 3)]);
    git(a, ['fetch', '-q', b, 'refs/notes/aisess:refs/notes/theirs']);
    git(a, ['notes', '--ref=aisess', 'merge', '-q', '-s', 'cat_sort_uniq', 'refs/notes/theirs']);
    assert.deepEqual(await ids(a, 'HEAD'), ['alice:0', 'bob:0', 'both:0']);
    assert.match(gitShowNote(a, 'HEAD')!, /^# aisess /, 'sorted note still starts with summaries');
    // Our next write normalises the merged note.
    await appendRecords(await open(a), 'HEAD', [record('alice:1', null, 4)]);
    const lines = gitShowNote(a, 'HEAD')!.split('\n');
    assert.deepEqual(lines.map((l) => l.split(' ')[l.startsWith('#') ? 2 : 1]), ['alice:0', 'bob:0', 'both:0', 'alice:1', 'alice:0', 'bob:0', 'both:0', 'alice:1']);
  });

  test('amend and rebase carry the records once notes.rewriteRef is set', async () => {
    const dir = repoWith();
    const repo = await open(dir);
    assert.equal((await ensureRewriteConfig(repo)).changed, true);
    await appendRecords(repo, 'HEAD', [record('s:0')]);
    git(dir, ['commit', '-q', '--amend', '-m', 'amended']);
    assert.deepEqual(await ids(dir, 'HEAD'), ['s:0']);

    git(dir, ['checkout', '-q', '-b', 'feature']);
    writeTree(dir, { 'f.txt': 'f\n' });
    git(dir, ['add', 'f.txt']);
    git(dir, ['commit', '-q', '-m', 'feature']);
    await appendRecords(repo, 'HEAD', [record('s:1')]);
    git(dir, ['checkout', '-q', 'main']);
    writeTree(dir, { 'm.txt': 'm\n' });
    git(dir, ['add', 'm.txt']);
    git(dir, ['commit', '-q', '-m', 'main moves']);
    git(dir, ['rebase', '-q', 'main', 'feature']);
    assert.deepEqual(await ids(dir, 'feature'), ['s:1']);
    assert.deepEqual(await ids(dir, 'feature~2'), ['s:0']);
  });

  test('a squash during rebase concatenates both notes, and both decode', async () => {
    const dir = repoWith();
    const repo = await open(dir);
    await ensureRewriteConfig(repo);
    for (const n of [1, 2]) {
      writeTree(dir, { [`f${n}.txt`]: `${n}\n` });
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-q', '-m', `c${n}`]);
      await appendRecords(repo, 'HEAD', [record(`s:${n}`, { n }, n)]);
    }
    const env = { ...process.env, ...gitEnv, GIT_SEQUENCE_EDITOR: "sed -i -e '2s/^pick/squash/'", GIT_EDITOR: 'true' };
    const { execFileSync } = await import('node:child_process');
    execFileSync('git', ['rebase', '-q', '-i', 'HEAD~2'], { cwd: dir, env, stdio: 'pipe' });
    assert.equal(git(dir, ['rev-list', '--count', 'HEAD']), '2');
    assert.deepEqual(await ids(dir, 'HEAD'), ['s:1', 's:2']);
    assert.match(gitShowNote(dir, 'HEAD')!, /\n\n/, 'git concatenated the two notes with a blank line');
  });

  test('ensureRewriteConfig keeps the user value, is idempotent, and undoes only its own', async () => {
    const dir = repoWith();
    git(dir, ['config', '--add', 'notes.rewriteRef', 'refs/notes/commits']);
    git(dir, ['config', 'notes.rewriteMode', 'ignore']);
    const repo = await open(dir);
    const first = await ensureRewriteConfig(repo);
    assert.equal(first.changed, true);
    assert.match(first.warnings.join('\n'), /rewriteMode is "ignore"/);
    assert.equal((await ensureRewriteConfig(repo)).changed, false);
    assert.equal(git(dir, ['config', '--get-all', 'notes.rewriteRef']), 'refs/notes/commits\nrefs/notes/aisess');
    assert.equal((await removeRewriteConfig(repo)).changed, true);
    assert.equal((await removeRewriteConfig(repo)).changed, false);
    assert.equal(git(dir, ['config', '--get-all', 'notes.rewriteRef']), 'refs/notes/commits');
  });

  test('a glob the user already has counts as covering our ref', async () => {
    const dir = repoWith();
    git(dir, ['config', 'notes.rewriteRef', 'refs/notes/*']);
    assert.equal((await ensureRewriteConfig(await open(dir))).changed, false);
    assert.equal(git(dir, ['config', '--get-all', 'notes.rewriteRef']), 'refs/notes/*');
  });
});
