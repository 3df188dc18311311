import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UserError } from '../../src/errors/user-error.js';
import { openRepo } from '../../src/git/repo.js';
import { appendRecords, listNotedCommits, readHeadlines, readNote, readNotes, removeRecords, renderNote } from '../../src/notes/index.js';
import { git, gitEnv, tempDir } from '../helpers/git.js';
import { addNotesFast, gitShowNote, manyCommits, open, record, tempRepos } from './helpers.js';

const { repoWith, removeLater } = tempRepos();

describe('append, read, remove', () => {
  test('records land, are read back, and git shows the summary lines first', async () => {
    const dir = repoWith();
    const repo = await open(dir);
    const first = await appendRecords(repo, 'HEAD', [record('s1:0', { big: 'x'.repeat(5000) }, 1), record('s1:1', [1, 2], 2)]);
    assert.deepEqual([first.added, first.replaced, first.unchanged], [['s1:0', 's1:1'], [], []]);
    const again = await appendRecords(repo, 'HEAD', [record('s1:1', [1, 2], 2), record('s2:0', null, 3)]);
    assert.deepEqual([again.added, again.unchanged], [['s2:0'], ['s1:1']]);
    const note = await readNote(repo, 'HEAD');
    assert.deepEqual(note.records.map((r) => r.id), ['s1:0', 's1:1', 's2:0']);
    assert.deepEqual(note.records[0]!.body, { big: 'x'.repeat(5000) });
    assert.deepEqual(note.problems, []);
    const shown = gitShowNote(dir, 'HEAD')!.split('\n');
    assert.deepEqual(shown.map((l) => l.slice(0, 9)), ['# aisess ', '# aisess ', '# aisess ', 'aisess2 s', 'aisess2 s', 'aisess2 s']);
    assert.match(shown[0]!, /^# aisess s1:0 2026-11-25 13:01Z claude 1m01s "work on s1:0" \(1 file\)$/);
  });

  test('the same records again write nothing; changed content replaces', async () => {
    const dir = repoWith();
    const repo = await open(dir);
    await appendRecords(repo, 'HEAD', [record('a:1')]);
    const before = git(dir, ['rev-parse', 'refs/notes/aisess']);
    const same = await appendRecords(repo, 'HEAD', [record('a:1')]);
    assert.equal(same.notesCommit, null);
    assert.equal(git(dir, ['rev-parse', 'refs/notes/aisess']), before);
    const changed = await appendRecords(repo, 'HEAD', [record('a:1', 'new body')]);
    assert.deepEqual(changed.replaced, ['a:1']);
    assert.deepEqual((await readNote(repo, 'HEAD')).records.map((r) => r.body), ['new body']);
  });

  test('removeRecords removes some, then all, and the note disappears', async () => {
    const dir = repoWith();
    const repo = await open(dir);
    await appendRecords(repo, 'HEAD', [record('a:1'), record('a:2'), record('a:3')]);
    assert.deepEqual((await removeRecords(repo, 'HEAD', ['a:2'])).removed, ['a:2']);
    assert.deepEqual((await readNote(repo, 'HEAD')).records.map((r) => r.id), ['a:1', 'a:3']);
    assert.deepEqual((await removeRecords(repo, 'HEAD')).removed, ['a:1', 'a:3']);
    assert.equal(gitShowNote(dir, 'HEAD'), null);
    assert.equal((await listNotedCommits(repo)).size, 0);
    assert.equal((await removeRecords(repo, 'HEAD')).notesCommit, null);
  });

  test('lines of a newer format are kept on rewrite, and dropped only by detaching everything', async () => {
    const dir = repoWith();
    const repo = await open(dir);
    const future = '# aisess f:1 2030-01-01 00:00Z next 1s "from the future" (1 file)\naisess9 f:1 abcdef0123456789 QUJD\n';
    git(dir, ['notes', '--ref=aisess', 'add', '-F', '-', 'HEAD'], future);
    await appendRecords(repo, 'HEAD', [record('a:1')]);
    const text = gitShowNote(dir, 'HEAD')!;
    assert.ok(text.includes('aisess9 f:1 abcdef0123456789 QUJD'), text);
    assert.ok(text.indexOf('# aisess f:1') < text.indexOf('aisess2 a:1'), 'summaries before payloads');
    const note = await readNote(repo, 'HEAD');
    assert.deepEqual(note.records.map((r) => r.id), ['a:1']);
    assert.deepEqual(note.problems.map((p) => [p.recordId, p.line]), [['f:1', 4]]);
    await removeRecords(repo, 'HEAD', ['a:1']);
    assert.ok(gitShowNote(dir, 'HEAD')!.includes('aisess9 f:1'));
    await removeRecords(repo, 'HEAD');
    assert.equal(gitShowNote(dir, 'HEAD'), null);
  });

  test('readNote on a commit without notes, and on a missing commit', async () => {
    const repo = await open(repoWith());
    assert.deepEqual((await readNote(repo, 'HEAD')).records, []);
    await assert.rejects(readNote(repo, 'no-such-branch'), (e: unknown) => e instanceof UserError && e.kind === 'notFound');
  });

  test('aisess.notesRef moves everything to another ref', async () => {
    const dir = repoWith();
    git(dir, ['config', 'aisess.notesRef', 'team-sessions']);
    const repo = await open(dir);
    await appendRecords(repo, 'HEAD', [record('a:1')]);
    assert.ok(gitShowNote(dir, 'HEAD', 'team-sessions')!.startsWith('# aisess a:1'));
    assert.equal(gitShowNote(dir, 'HEAD'), null);
  });
});

describe('fanout', () => {
  test('a tree fanned out by real git is read and extended, and git still reads it', async () => {
    const dir = repoWith();
    const commits = manyCommits(dir, 620);
    addNotesFast(dir, commits.slice(0, 610).map((c, i) => [c, renderNote([record(`g:${i}`)])]));
    const top = git(dir, ['ls-tree', 'refs/notes/aisess']).split('\n');
    assert.ok(top.every((l) => /^040000 tree [0-9a-f]+\t[0-9a-f]{2}$/.test(l)), 'git fanned the tree out');
    const repo = await open(dir);
    assert.deepEqual((await readNote(repo, commits[7]!)).records.map((r) => r.id), ['g:7']);
    await appendRecords(repo, commits[7]!, [record('mine:7', null, 5)]);
    await appendRecords(repo, commits[615]!, [record('mine:615')]);
    assert.ok(git(dir, ['ls-tree', 'refs/notes/aisess']).split('\n').every((l) => l.includes(' tree ')), 'still fanned out');
    assert.equal(git(dir, ['notes', '--ref=aisess', 'list']).split('\n').length, 611);
    assert.match(gitShowNote(dir, commits[7]!)!, /^# aisess g:7 .*\n# aisess mine:7 /);
    assert.match(gitShowNote(dir, commits[615]!)!, /^# aisess mine:615 /);
    const all = await readNotes(repo);
    assert.equal(all.size, 611);
    assert.ok([...all.values()].every((n) => n.problems.length === 0 && n.records.length > 0));
    const heads = await readHeadlines(repo, [commits[7]!, commits[619]!]);
    assert.deepEqual(heads.get(commits[7]!)!.map((h) => h.id), ['g:7', 'mine:7']);
    assert.equal(heads.has(commits[619]!), false);
    git(dir, ['fsck', '--no-progress']);
  });

  test('a flat tree past the threshold is split by our writer, and git reads the result', async () => {
    const dir = repoWith();
    const commits = manyCommits(dir, 260);
    const blob = git(dir, ['hash-object', '-w', '--stdin'], renderNote([record('flat:x')]));
    const tree = git(dir, ['mktree'], commits.slice(0, 256).map((c) => `100644 blob ${blob}\t${c}`).join('\n'));
    git(dir, ['update-ref', 'refs/notes/aisess', git(dir, ['commit-tree', tree, '-m', 'flat notes'])]);
    const repo = await open(dir);
    assert.equal((await readNote(repo, commits[3]!)).records.length, 1);
    await appendRecords(repo, commits[257]!, [record('new:257')]);
    const top = git(dir, ['ls-tree', 'refs/notes/aisess']).split('\n');
    assert.ok(top.every((l) => / tree /.test(l)), 'split into xx/ subtrees');
    assert.equal(git(dir, ['notes', '--ref=aisess', 'list']).split('\n').length, 257);
    assert.match(gitShowNote(dir, commits[100]!)!, /^# aisess flat:x /);
    assert.match(gitShowNote(dir, commits[257]!)!, /^# aisess new:257 /);
  });

  test('the same commit noted at two depths (flat and fanned) reads both, and a rewrite keeps one', async () => {
    const dir = repoWith();
    const [c] = manyCommits(dir, 1);
    const flat = git(dir, ['hash-object', '-w', '--stdin'], renderNote([record('flat:1')]));
    const deep = git(dir, ['hash-object', '-w', '--stdin'], renderNote([record('deep:1', null, 1)]));
    const sub = git(dir, ['mktree'], `100644 blob ${deep}\t${c!.slice(2)}`);
    const tree = git(dir, ['mktree'], `100644 blob ${flat}\t${c}\n040000 tree ${sub}\t${c!.slice(0, 2)}`);
    git(dir, ['update-ref', 'refs/notes/aisess', git(dir, ['commit-tree', tree, '-m', 'mixed'])]);
    const repo = await open(dir);
    assert.deepEqual((await readNote(repo, c!)).records.map((r) => r.id), ['flat:1', 'deep:1']);
    assert.equal((await listNotedCommits(repo)).get(c!)!.length, 2);
    await appendRecords(repo, c!, [record('new:1', null, 2)]);
    assert.deepEqual((await readNote(repo, c!)).records.map((r) => r.id), ['flat:1', 'deep:1', 'new:1']);
    assert.equal((await listNotedCommits(repo)).get(c!)!.length, 1);
  });
});

describe('repositories', () => {
  test('a linked worktree writes to the same ref as the main checkout', async () => {
    const dir = repoWith();
    const wt = tempDir('aisess-wt-');
    removeLater(wt.cleanup);
    git(dir, ['worktree', 'add', '-q', `${wt.path}/w`, '-b', 'side']);
    const inWorktree = await open(`${wt.path}/w`);
    assert.notEqual(inWorktree.gitDir, inWorktree.commonDir);
    await appendRecords(inWorktree, 'HEAD', [record('wt:1')]);
    assert.deepEqual((await readNote(await open(dir), 'HEAD')).records.map((r) => r.id), ['wt:1']);
    assert.match(gitShowNote(dir, 'HEAD')!, /^# aisess wt:1 /);
  });

  test('bare repositories: reads work, a working tree is refused with notRepo', async () => {
    const dir = repoWith();
    await appendRecords(await open(dir), 'HEAD', [record('a:1')]);
    const bare = tempDir('aisess-bare-');
    removeLater(bare.cleanup);
    git(bare.path, ['clone', '-q', '--bare', dir, 'b.git']);
    git(`${bare.path}/b.git`, ['fetch', '-q', dir, 'refs/notes/aisess:refs/notes/aisess']);
    const repo = await open(`${bare.path}/b.git`);
    assert.equal(repo.bare, true);
    assert.deepEqual((await readNote(repo, 'HEAD')).records.map((r) => r.id), ['a:1']);
    await assert.rejects(openRepo(`${bare.path}/b.git`, { requireWorkTree: true, env: gitEnv }), (e: unknown) => e instanceof UserError && e.kind === 'notRepo');
  });
});
