import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliArgv, runCli } from '../helpers/cli.js';
import { git, gitEnv, tempDir, tempRepo, writeTree } from '../helpers/git.js';
import { recordSteps } from '../history/record.js';

const env = { ...process.env, ...gitEnv, GIT_CEILING_DIRECTORIES: tmpdir(), TZ: 'UTC' };
const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));

function repoWithCommits(): { path: string; commits: string[]; blobs: string[] } {
  const r = tempRepo({ 'a.txt': 'a0\n' });
  cleanups.push(r.cleanup);
  const commits = [git(r.path, ['rev-parse', 'HEAD'])];
  const blobs: string[] = [];
  for (const n of [1, 2, 3]) {
    writeTree(r.path, { 'a.txt': `a${n}\n` });
    blobs.push(git(r.path, ['hash-object', '-w', 'a.txt']));
    git(r.path, ['commit', '-qam', `change ${n}`]);
    commits.push(git(r.path, ['rev-parse', 'HEAD']));
  }
  return { path: r.path, commits, blobs };
}

function cli(cwd: string, args: string[]) {
  return runCli(args, { cwd, env });
}

function ok(cwd: string, args: string[]): string {
  const r = cli(cwd, args);
  assert.equal(r.status, 0, `aisess ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('aisess attach / show / log / detach round trip', () => {
  let repo: ReturnType<typeof repoWithCommits>;
  let rec: Awaited<ReturnType<typeof recordSteps>>;
  before(async () => {
    repo = repoWithCommits();
    rec = await recordSteps(repo.path, [
      { output: '\x1b[?25l\x1b[1mWelcome\x1b[0m\r\n> ' },
      { input: 'make a three\r' },
      { wait: 2, output: 'Editing \x1b[32ma.txt\x1b[0m…\r\n' },
      { wait: 1, change: [{ path: 'a.txt', blob: repo.blobs[2]! }] },
      { wait: 5, output: 'Done: 1 file ✓\r\n' },
    ]);
  });

  test('attach prints each record; a second attach changes nothing', () => {
    const first = ok(repo.path, ['attach', 'HEAD', '--session', rec.id]);
    assert.match(first, new RegExp(`^attached  ${rec.id}:0  3s  1 file  make a three$`, 'm'));
    assert.match(first, new RegExp(`^attached  ${rec.id}:1 `, 'm'));
    const notesBefore = git(repo.path, ['rev-parse', 'refs/notes/aisess']);
    const again = cli(repo.path, ['attach', 'HEAD', '--session', rec.id.slice(0, 12)]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^already   ${rec.id}:0`, 'm'));
    assert.match(again.stderr, /0 attached, 0 updated, 2 already there/);
    assert.equal(git(repo.path, ['rev-parse', 'refs/notes/aisess']), notesBefore);
  });

  test('show: session, agent, times, paths and the terminal text without escapes', () => {
    const out = ok(repo.path, ['show', 'HEAD']);
    assert.match(out, new RegExp(`^commit ${repo.commits[3]}  2 segments$`, 'm'));
    assert.match(out, new RegExp(`── segment 1/2  ${rec.id}:0\\n   session   ${rec.id}  claude  \\(claude\\)`));
    assert.match(out, /started {3}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}duration 3s/);
    assert.match(out, /prompt {4}make a three/);
    assert.match(out, /paths {5}M a\.txt \+1 -1\n/);
    assert.match(out, /│ Welcome\n {3}│ > Editing a\.txt…\n/);
    assert.match(out, /│ Done: 1 file ✓/);
    assert.doesNotMatch(out, /\x1b/);
  });

  test('show --json fields', () => {
    const json = JSON.parse(ok(repo.path, ['show', repo.commits[3]!.slice(0, 10), '--json']));
    assert.equal(json.commit, repo.commits[3]);
    assert.deepEqual(json.problems, []);
    assert.equal(json.segments.length, 2);
    const [s] = json.segments;
    assert.deepEqual(Object.keys(s).sort(), [
      'agent', 'agentSession', 'answers', 'argv', 'boundAt', 'boundBy', 'continues', 'cwd', 'dropped', 'durationMs', 'files', 'id', 'items',
      'model', 'models', 'paths', 'prompts', 'rebound', 'resume', 'session', 'source', 'start', 'startMs', 'term', 'text', 'title', 'tokens', 'toolCalls',
    ]);
    assert.equal(s.rebound, null);
    assert.equal(json.via, null);
    assert.deepEqual(s.files, [{ path: 'a.txt', status: 'modified', bound: 'full', added: 1, removed: 1, counts: 'git' }]);
    assert.equal(s.id, `${rec.id}:0`);
    assert.equal(s.session, rec.id);
    assert.equal(s.agent, 'claude');
    assert.equal(s.durationMs, 3000);
    assert.equal(s.title, 'make a three');
    assert.deepEqual(s.paths, [{ path: 'a.txt', status: 'modified', bound: 'full' }]);
    assert.deepEqual(s.term, { cols: 100, rows: 30 });
    assert.equal(s.text, 'Welcome\n> Editing a.txt…');
    assert.equal(new Date(s.start).getTime(), s.startMs);
  });

  test('replay <commit> --instant writes exactly the bound output bytes; --segment picks one', () => {
    const play = (args: string[]) => {
      const [file, argv] = cliArgv(['replay', '--instant', ...args]);
      return spawnSync(file, argv, { cwd: repo.path, env, timeout: 60_000 });
    };
    const all = play(['HEAD']);
    assert.equal(all.status, 0, all.stderr.toString());
    assert.ok(all.stdout.equals(Buffer.from(rec.outputs.join(''), 'utf8')), all.stdout.toString());
    const one = play([repo.commits[3]!, '--segment', '2']);
    assert.equal(one.status, 0, one.stderr.toString());
    assert.ok(one.stdout.equals(Buffer.from(rec.outputs[1]!, 'utf8')));
    const byId = play(['main', '--segment', `${rec.id}:0`]);
    assert.ok(byId.stdout.equals(Buffer.from(rec.outputs[0]!, 'utf8')));
    const bad = play(['HEAD', '--segment', '7']);
    assert.equal(bad.status, 66);
    assert.match(bad.stderr.toString(), /no segment '7' on this commit/);
  });

  test('log over the whole history and over a range, text and --json', async () => {
    ok(repo.path, ['attach', repo.commits[1]!, '--session', rec.id, '--segment', '1']);
    const lines = ok(repo.path, ['log']).trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, new RegExp(`^${repo.commits[3]!.slice(0, 7)}\\w*  2026-01-01 00:00  claude  -  2 segments  3s  make a three$`));
    assert.match(lines[1]!, new RegExp(`^${repo.commits[1]!.slice(0, 7)}\\w*  2026-01-01 00:00  claude  -  1 segment   3s  make a three$`));
    const range = JSON.parse(ok(repo.path, ['log', `${repo.commits[1]}..HEAD`, '--json']));
    assert.deepEqual(range.map((e: { commit: string }) => e.commit), [repo.commits[3]]);
    assert.equal(range[0].segments, 2);
    assert.deepEqual(range[0].agents, ['claude']);
    assert.equal(range[0].durationMs, 3000);
    assert.deepEqual(range[0].records.map((r: { id: string }) => r.id).sort(), [`${rec.id}:0`, `${rec.id}:1`]);
    const limited = JSON.parse(ok(repo.path, ['log', '-n', '1', '--json']));
    assert.deepEqual(limited.map((e: { commit: string }) => e.commit), [repo.commits[3]]);
    assert.equal(ok(repo.path, ['log', `${repo.commits[1]}~1..${repo.commits[2]}`]).trimEnd().split('\n').length, 1);
  });

  test('detach one record, then the rest', () => {
    const one = ok(repo.path, ['detach', 'HEAD', '--segment', `${rec.id}:1`]);
    assert.equal(one, `detached  ${rec.id}:1\n`);
    const json = JSON.parse(ok(repo.path, ['show', 'HEAD', '--json']));
    assert.deepEqual(json.segments.map((s: { id: string }) => s.id), [`${rec.id}:0`]);
    assert.equal(ok(repo.path, ['detach', 'HEAD']), `detached  ${rec.id}:0\n`);
    const gone = cli(repo.path, ['show', 'HEAD']);
    assert.equal(gone.status, 1);
    assert.match(gone.stderr, /carries no aisess segments/);
  });
});

describe('attach sources', () => {
  test('--last, --file with a journal, --file with a plain asciicast (same ids on a second attach)', async () => {
    const repo = repoWithCommits();
    const rec = await recordSteps(repo.path, [{ output: 'hello\r\n' }]);
    assert.match(ok(repo.path, ['attach', 'HEAD~1', '--last']), new RegExp(`attached  ${rec.id}:0`));
    assert.match(ok(repo.path, ['attach', 'HEAD~2', '--file', rec.path]), new RegExp(`attached  ${rec.id}:0`));
    const cast = join(repo.path, '..', `${rec.id}-plain.cast`);
    cleanups.push(() => spawnSync('rm', ['-f', cast]));
    writeFileSync(cast, '{"version":2,"width":80,"height":24,"timestamp":1767225600}\n[0.5,"o","plain \\u001b[1mcast\\u001b[0m\\r\\n"]\n');
    const first = ok(repo.path, ['attach', 'HEAD', '--file', cast]);
    const id = /attached  (cast-[0-9a-f]{16}:0)/.exec(first)?.[1];
    assert.ok(id, first);
    assert.match(ok(repo.path, ['attach', 'HEAD', '--file', cast]), new RegExp(`already   ${id}`));
    const json = JSON.parse(ok(repo.path, ['show', 'HEAD', '--json']));
    assert.equal(json.segments[0].text, 'plain cast');
    assert.equal(json.segments[0].start, '2026-01-01T00:00:00.500Z');
  });

  test('attach redacts with the repository\'s own aisess.redact rules, as the binder does; an unreadable rule stops it (65)', async () => {
    const repo = repoWithCommits();
    const rec = await recordSteps(repo.path, [{ output: 'the door code is ZEBRA-4471-ORCHID\r\n' }]);
    git(repo.path, ['config', 'aisess.redact.pattern', 'ZEBRA-\\d{4}-[A-Z]+']);
    ok(repo.path, ['attach', 'HEAD', '--session', rec.id]);
    const note = git(repo.path, ['notes', '--ref=aisess', 'show', 'HEAD']);
    const shown = ok(repo.path, ['show', 'HEAD', '--screen']);
    assert.doesNotMatch(shown, /ZEBRA-4471/, shown);
    assert.match(shown, /\[REDACTED:/);
    git(repo.path, ['config', '--add', 'aisess.redact.pattern', '(unclosed']);
    const bad = cli(repo.path, ['attach', 'HEAD~1', '--session', rec.id]);
    assert.equal(bad.status, 65, bad.stderr);
    assert.match(bad.stderr, /aisess\.redact\.pattern/);
    assert.equal(git(repo.path, ['notes', '--ref=aisess', 'show', 'HEAD']), note, 'nothing else written');
  });

  test('a note from another clone is kept when attaching, and after a cat_sort_uniq merge', async () => {
    const a = repoWithCommits();
    const b = tempDir('aisess-clone-');
    cleanups.push(b.cleanup);
    git(b.path, ['clone', '-q', a.path, 'b']);
    const bPath = join(b.path, 'b');
    const mine = await recordSteps(a.path, [{ output: 'from A\r\n' }]);
    const theirs = await recordSteps(bPath, [{ output: 'from B\r\n' }], { agent: 'codex' });
    ok(bPath, ['attach', 'HEAD', '--session', theirs.id]);
    // A receives B's note first, then attaches its own session to the same commit.
    git(a.path, ['fetch', '-q', bPath, 'refs/notes/aisess:refs/notes/aisess']);
    ok(a.path, ['attach', 'HEAD', '--session', mine.id]);
    const both = JSON.parse(ok(a.path, ['show', 'HEAD', '--json']));
    assert.deepEqual(both.segments.map((s: { id: string }) => s.id).sort(), [`${mine.id}:0`, `${theirs.id}:0`].sort());
    // B attaches another copy meanwhile; A merges with cat_sort_uniq and still reads every segment once.
    const more = await recordSteps(bPath, [{ output: 'more from B\r\n' }]);
    ok(bPath, ['attach', 'HEAD', '--session', more.id]);
    git(a.path, ['fetch', '-q', bPath, 'refs/notes/aisess:refs/notes/theirs']);
    git(a.path, ['notes', '--ref=aisess', 'merge', '-q', '-s', 'cat_sort_uniq', 'refs/notes/theirs']);
    const merged = JSON.parse(ok(a.path, ['show', 'HEAD', '--json']));
    assert.deepEqual(merged.segments.map((s: { id: string }) => s.id).sort(), [`${mine.id}:0`, `${more.id}:0`, `${theirs.id}:0`].sort());
    assert.deepEqual(merged.problems, []);
    const log = JSON.parse(ok(a.path, ['log', '--json']));
    assert.deepEqual(log[0].agents.sort(), ['claude', 'codex']);
    assert.equal(log[0].segments, 3);
  });
});

describe('damaged notes', () => {
  function damage(cwd: string, id: string): void {
    const text = git(cwd, ['notes', '--ref=aisess', 'show', 'HEAD']);
    const broken = text.split('\n').map((l) => (/^aisess\d+ /.test(l) && l.split(' ')[1] === id ? `${l.slice(0, -12)}AAAAAAAAAAAA` : l)).join('\n');
    assert.notEqual(broken, text);
    const file = join(cwd, '..', `${id.replace(/:/g, '_')}.note`);
    writeFileSync(file, `${broken}\n`);
    cleanups.push(() => spawnSync('rm', ['-f', file]));
    git(cwd, ['notes', '--ref=aisess', 'add', '-f', '-F', file, 'HEAD']);
  }

  test('a damaged record is named with its reason while the other still shows; all damaged exits 65', async () => {
    const repo = repoWithCommits();
    const rec = await recordSteps(repo.path, [{ output: 'one\r\n' }, { change: [{ path: 'a.txt', blob: repo.blobs[2]! }] }, { output: 'two\r\n' }]);
    ok(repo.path, ['attach', 'HEAD', '--session', rec.id]);
    damage(repo.path, `${rec.id}:0`);
    const r = cli(repo.path, ['show', 'HEAD']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /segment 1\/1  .*:1\n[\s\S]*│ two/);
    assert.match(r.stdout, new RegExp(`── damaged: record ${rec.id}:0 \\(note line \\d+\\): payload (hash mismatch|does not decompress|is not valid (?:base64|Z85))`));
    const json = JSON.parse(ok(repo.path, ['show', 'HEAD', '--json']));
    assert.equal(json.problems[0].recordId, `${rec.id}:0`);
    assert.equal(json.segments.length, 1);
    assert.equal(JSON.parse(ok(repo.path, ['log', '--json']))[0].segments, 2);
    damage(repo.path, `${rec.id}:1`);
    const none = cli(repo.path, ['show', 'HEAD']);
    assert.equal(none.status, 65);
    assert.match(none.stderr, /^aisess: the aisess note on [0-9a-f]{12} is damaged: record .*:0 \(note line \d+\): .* \(and 1 more\)$/m);
    assert.equal(none.stdout, '');
    // detach removes damaged records too
    const det = cli(repo.path, ['detach', 'HEAD']);
    assert.equal(det.stdout, `detached  ${rec.id}:0 (damaged)\ndetached  ${rec.id}:1 (damaged)\n`);
    assert.match(det.stderr, /removed 2 records from/);
  });
});

describe('bad input', () => {
  const repo = repoWithCommits();
  const outside = tempDir('aisess-outside-');
  const bare = tempDir('aisess-bare-');
  cleanups.push(outside.cleanup, bare.cleanup);
  git(bare.path, ['clone', '-q', '--bare', repo.path, 'b.git']);
  const rows: { name: string; cwd: () => string; args: string[]; status: number; stderr: RegExp }[] = [
    { name: 'unknown commit', cwd: () => repo.path, args: ['show', 'nope'], status: 66, stderr: /^aisess: no commit named 'nope'$/m },
    { name: 'commit without notes', cwd: () => repo.path, args: ['show', 'HEAD'], status: 1, stderr: /^aisess: commit [0-9a-f]{12} \('HEAD'\) carries no aisess segments$/m },
    { name: 'detach without notes', cwd: () => repo.path, args: ['detach', 'HEAD'], status: 1, stderr: /carries no aisess segments/ },
    { name: 'replay of a commit without notes', cwd: () => repo.path, args: ['replay', '--instant', 'HEAD~1'], status: 1, stderr: /carries no aisess segments/ },
    { name: 'replay of nothing known', cwd: () => repo.path, args: ['replay', '--instant', 'zzz'], status: 66, stderr: /'zzz' is not a file, a session id or a commit/ },
    { name: 'unknown range', cwd: () => repo.path, args: ['log', 'nope..HEAD'], status: 66, stderr: /^aisess: unknown revision or range 'nope\.\.HEAD'$/m },
    { name: 'not a repository (show)', cwd: () => outside.path, args: ['show', 'HEAD'], status: 67, stderr: /^aisess: not a git repository: / },
    { name: 'not a repository (log)', cwd: () => outside.path, args: ['log'], status: 67, stderr: /^aisess: not a git repository: / },
    { name: 'bare repository (attach)', cwd: () => join(bare.path, 'b.git'), args: ['attach', 'HEAD', '--last'], status: 67, stderr: /is a bare repository; this needs a working tree/ },
    { name: 'bare repository (detach)', cwd: () => join(bare.path, 'b.git'), args: ['detach', 'HEAD'], status: 67, stderr: /is a bare repository/ },
    { name: 'attach without a source', cwd: () => repo.path, args: ['attach', 'HEAD'], status: 64, stderr: /say what to attach: --session ID, --file PATH or --last/ },
    { name: 'attach with two sources', cwd: () => repo.path, args: ['attach', 'HEAD', '--last', '--file', 'x'], status: 64, stderr: /only one of --session, --file and --last/ },
    { name: 'attach of an unknown session', cwd: () => repo.path, args: ['attach', 'HEAD', '--session', '20990101'], status: 66, stderr: /no session '20990101'/ },
    { name: 'attach of a missing file', cwd: () => repo.path, args: ['attach', 'HEAD', '--file', 'missing.cast'], status: 66, stderr: /no such file: .*missing\.cast/ },
    { name: 'attach with a bad segment', cwd: () => repo.path, args: ['attach', 'HEAD', '--last', '--segment', 'x'], status: 64, stderr: /--segment expects a segment number/ },
    { name: 'log -n 0', cwd: () => repo.path, args: ['log', '-n', '0'], status: 64, stderr: /-n expects a positive whole number/ },
  ];
  for (const row of rows) {
    test(`${row.name} → ${row.status}`, () => {
      const r = cli(row.cwd(), row.args);
      assert.equal(r.status, row.status, r.stderr);
      assert.match(r.stderr, row.stderr);
      assert.equal(r.stdout, '');
    });
  }

  test('log in a repository without commits prints nothing', () => {
    const empty = tempDir('aisess-empty-');
    cleanups.push(empty.cleanup);
    git(empty.path, ['init', '-q']);
    const r = cli(empty.path, ['log']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  test('log in a repository without notes prints nothing; a bare clone can still be read', () => {
    const r = cli(repo.path, ['log']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no commit in this range carries aisess segments/);
    assert.equal(cli(join(bare.path, 'b.git'), ['log', '--json']).stdout, '[]\n');
  });

  test('attach of a segment the session does not have, detach of an unknown record', async () => {
    const r = repoWithCommits();
    const rec = await recordSteps(r.path, [{ output: 'x' }]);
    const seg = cli(r.path, ['attach', 'HEAD', '--session', rec.id, '--segment', '4']);
    assert.equal(seg.status, 66);
    assert.match(seg.stderr, new RegExp(`session ${rec.id} has no segment 4\\naisess: its segments are numbered 1 to 1`));
    ok(r.path, ['attach', 'HEAD', '--last']);
    const det = cli(r.path, ['detach', 'HEAD', '--segment', 'nope:1']);
    assert.equal(det.status, 66);
    assert.match(det.stderr, new RegExp(`has no record nope:1\\naisess: its records: ${rec.id}:0`));
  });
});
