/**
 * The CLI as a new user meets it: a missing argument, a typo, an ambiguous short id, a file or a
 * bare repository's HEAD that looks like a revision. Each is one clear message and an exit code a
 * script can tell apart (README: Exit codes); help is plain text, whatever stdout is.
 */
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { git, tempDir, tempRepo } from '../helpers/git.js';
import { recordSession } from '../replay/sample-session.js';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));
function repo(): string {
  const r = tempRepo({ 'a.txt': 'a\n' });
  cleanups.push(r.cleanup);
  return r.path;
}

describe('usage errors', () => {
  const rows: { args: string[]; stderr: RegExp }[] = [
    { args: ['show'], stderr: /^aisess: 'aisess show' needs <commit>: a commit id, branch or tag\naisess: Usage: aisess show \[options\] <commit>/ },
    { args: ['attach'], stderr: /^aisess: 'aisess attach' needs <commit>/ },
    { args: ['detach'], stderr: /^aisess: 'aisess detach' needs <commit>/ },
    { args: ['scan'], stderr: /^aisess: 'aisess scan' needs <target>/ },
    { args: ['show', 'HEAD', '--jsno'], stderr: /^aisess: unknown option '--jsno' for 'aisess show' \(did you mean --json\?\)/ },
    { args: ['shwo', 'HEAD'], stderr: /^aisess: unknown command 'shwo' \(did you mean 'show'\?\)/ },
    { args: ['show', 'HEAD', 'HEAD~1'], stderr: /^aisess: unexpected argument 'HEAD~1' for 'aisess show'/ },
  ];
  for (const row of rows) {
    test(`aisess ${row.args.join(' ')} → 64, no stack`, () => {
      const r = runCli(row.args, { cwd: repo() });
      assert.equal(r.status, 64, r.stderr);
      assert.match(r.stderr, row.stderr);
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
      assert.equal(r.stdout, '');
    });
  }

  test('help is plain text when piped: no escape sequences, one layout for every command', () => {
    for (const args of [['--help'], ['show', '--help'], ['replay', '-h'], ['log', '--help']]) {
      const r = runCli(args, { cwd: repo(), env: { ...process.env, FORCE_COLOR: '1' } });
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /\x1b/);
      if (args[0] !== '--help') assert.match(r.stdout, /^Usage: aisess \w+ .*\n\n.+\n[\s\S]*\nOptions:\n[\s\S]*-h, --help +Show this help\n$/);
    }
  });
});

describe('naming a commit', () => {
  test('an unknown commit (66) is told apart from a commit without segments (1)', () => {
    const cwd = repo();
    assert.equal(runCli(['show', 'nope'], { cwd }).status, 66);
    const none = runCli(['show', 'HEAD'], { cwd });
    assert.equal(none.status, 1);
    assert.match(none.stderr, /carries no aisess segments/);
  });

  test('an ambiguous short id says so, with the commits it could be', () => {
    const cwd = repo();
    // Enough objects that two share a 4-character prefix (a birthday collision is all but certain).
    const blobs = git(cwd, ['hash-object', '-w', '--stdin-paths'], `${Array.from({ length: 1500 }, (_, i) => {
      const f = join(cwd, `.b${i}`);
      writeFileSync(f, `${i}\n`);
      return f;
    }).join('\n')}\n`).split('\n').filter(Boolean);
    const head = git(cwd, ['rev-parse', 'HEAD']).trim();
    const all = [head, ...blobs];
    const count = new Map<string, number>();
    for (const oid of all) count.set(oid.slice(0, 4), (count.get(oid.slice(0, 4)) ?? 0) + 1);
    const prefix = [...count].find(([, n]) => n > 1)![0];
    const r = runCli(['show', prefix], { cwd });
    assert.equal(r.status, 64, r.stderr);
    assert.match(r.stderr, new RegExp(`^aisess: '${prefix}' is ambiguous: \\d+ objects start with it`));
    assert.match(r.stderr, /give more characters of the commit id/);
  });
});

describe('replay: what a target names', () => {
  test("in a bare repository, HEAD is the commit, never git's own file named HEAD", () => {
    const work = repo();
    const bare = tempDir('aisess-bare-');
    cleanups.push(bare.cleanup);
    git(bare.path, ['clone', '-q', '--bare', work, 'r.git']);
    const r = runCli(['replay', '--instant', 'HEAD'], { cwd: join(bare.path, 'r.git') });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /carries no aisess segments/);
  });

  test('a file named like a branch is not silently preferred: the error says how to pick', async () => {
    const cwd = repo();
    const rec = await recordSession(cwd, [{ output: 'from the file\r\n' }]);
    copyFileSync(rec.path, join(cwd, 'main'));
    const both = runCli(['replay', '--instant', 'main'], { cwd });
    assert.equal(both.status, 64, both.stderr);
    assert.match(both.stderr, /'main' names a file \(\.\/main\) and a commit \([0-9a-f]{12}\)/);
    const file = runCli(['replay', '--instant', './main'], { cwd });
    assert.equal(file.status, 0, file.stderr);
    assert.equal(file.stdout, 'from the file\r\n');
  });
});
