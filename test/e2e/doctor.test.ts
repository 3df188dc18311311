/**
 * `aisess doctor` through the built CLI: a healthy repository, each problem with its line and the
 * command that fixes it (run as printed, then checked gone), --json, exit codes, outside a
 * repository; and `aisess init --undo` sticking through a real `aisess run` in a pty.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { recordSession } from '../bind/session.js';
import { cliEntry, fixturesDir, runCli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { runProgram, sandbox, scenarioRepo, type Sandbox } from '../helpers/scenario.js';

const sb: Sandbox = sandbox();
test.after(sb.cleanup);

interface Check { id: string; level: 'ok' | 'warning' | 'problem'; message: string; fix?: string; data?: Record<string, unknown> }

function repo(): string {
  const r = scenarioRepo();
  test.after(r.cleanup);
  return r.path;
}

function aisess(cwd: string, args: string[], env: Record<string, string> = {}) {
  return runCli(args, { cwd, env: { ...process.env, ...sb.env, ...env } });
}

/** Without the fake agents on PATH (an `agents` warning), unless env says otherwise: no agent to start on every call. */
const NO_AGENTS = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const WITH_AGENTS = { PATH: sb.env.PATH! };

/** The doctor's lines, those of one check id, and its exit status. */
function doctor(cwd: string, env: Record<string, string> = {}) {
  const r = aisess(cwd, ['doctor'], { ...NO_AGENTS, ...env });
  const lines = r.stdout.split('\n').filter(Boolean);
  const of = (id: string): string[] => lines.filter((l) => new RegExp(`^(ok|warning|problem) +${id}: `).test(l));
  // The agents line is left out: only the test that puts them on PATH looks at it.
  const notOk = lines.filter((l) => !l.startsWith('ok') && !/^warning +agents: /.test(l));
  return { status: r.status, stderr: r.stderr, lines, of, notOk, problems: lines.filter((l) => l.startsWith('problem')) };
}

/** Runs a line's fix as printed (what follows `— fix: `, without a trailing remark in parentheses). */
function runFix(cwd: string, line: string, env: Record<string, string> = {}): void {
  const fix = /— fix: (.*)$/.exec(line)?.[1]?.replace(/ \([^`]*\)$/, '');
  assert.ok(fix, `no fix on: ${line}`);
  const script = `aisess() { ${JSON.stringify(process.execPath)} ${JSON.stringify(cliEntry())} "$@"; }\n${fix}`;
  const r = spawnSync('sh', ['-c', script], { cwd, env: { ...process.env, ...sb.env, ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, `${fix}: ${r.stderr}`);
}

const IDS = ['git', 'native', 'relay', 'agent-claude', 'agent-codex', 'repository', 'config', 'auto-init', 'hooks', 'hooks-path', 'notes-rewrite', 'notes-remotes', 'store', 'pending', 'bind-failures', 'hook-log', 'warm-binder'];

test('a healthy repository: every check ok, exit 0; the fake agents answer --version as the real clients do', () => {
  const r = repo();
  assert.equal(aisess(r, ['init', '-q']).status, 0);
  const d = doctor(r, WITH_AGENTS);
  assert.equal(d.status, 0, d.stderr + d.lines.join('\n'));
  assert.deepEqual(d.notOk, []);
  assert.deepEqual(d.lines.map((l) => /^ok +([\w-]+):/.exec(l)?.[1]), IDS);
  assert.equal(d.of('agent-claude')[0], `ok       agent-claude: claude 2.1.197 at ${join(fixturesDir, 'agents', 'claude')}`);
  assert.equal(d.of('agent-codex')[0], `ok       agent-codex: codex 0.169.0 at ${join(fixturesDir, 'agents', 'codex')}`);
  assert.equal(d.of('hooks')[0], `ok       hooks: post-commit, post-rewrite, pre-push installed in ${join(r, '.git', 'hooks')}`);
  assert.match(d.stderr, /everything checked is in order/);
});

test('--json: {version, problems, warnings, checks}, every check with id, level and message, a problem with its fix', () => {
  const r = repo();
  git(r, ['config', 'notes.rewriteMode', 'ignore']);
  const out = aisess(r, ['doctor', '--json'], WITH_AGENTS);
  assert.equal(out.status, 1, out.stderr);
  const report = JSON.parse(out.stdout) as { version: number; problems: number; warnings: number; checks: Check[] };
  assert.deepEqual(Object.keys(report), ['version', 'problems', 'warnings', 'checks']);
  assert.equal(report.version, 1);
  for (const c of report.checks) {
    assert.deepEqual(Object.keys(c).filter((k) => !['id', 'level', 'message', 'fix', 'data'].includes(k)), []);
    assert.ok(['ok', 'warning', 'problem'].includes(c.level));
    if (c.level === 'problem') assert.ok(c.fix, c.id);
  }
  assert.equal(report.problems, report.checks.filter((c) => c.level === 'problem').length);
  assert.equal(report.warnings, report.checks.filter((c) => c.level === 'warning').length);
  assert.deepEqual([...new Set(report.checks.map((c) => c.id))], IDS);
  const rewrite = report.checks.find((c) => c.id === 'notes-rewrite' && c.level === 'problem');
  assert.deepEqual(rewrite, { id: 'notes-rewrite', level: 'problem', message: 'notes.rewriteMode is "ignore": amend and rebase will drop aisess notes', fix: 'git config notes.rewriteMode concatenate' });
  const git_ = report.checks.find((c) => c.id === 'git')!;
  assert.equal(git_.data?.minimum, '2.31');
  const store = report.checks.find((c) => c.id === 'store')!;
  assert.deepEqual(Object.keys(store.data ?? {}), ['dir', 'bytes', 'sessions', 'damaged']);
});

test('each problem at once: its line, the command that fixes it, exit 1; after those commands, no problem and exit 0', async () => {
  const r = repo();
  assert.equal(aisess(r, ['init', '-q']).status, 0);
  git(r, ['config', 'aisess.pendingExpiry', 'never']);
  const session = await recordSession(r, [{ write: { 'a.txt': 'a1\n' } }]);
  // The hooks were written a minute ago, before the failure in hook.log: no init has mended it yet.
  const old = new Date(Date.now() - 60_000).toISOString();
  for (const h of ['post-commit', 'post-rewrite', 'pre-push']) spawnSync('touch', ['-d', old, join(r, '.git/hooks', h)]);
  const cases: { name: string; make: () => void; id: string; line: RegExp }[] = [
    {
      name: 'a hook missing',
      make: () => rmSync(join(r, '.git/hooks/post-commit')),
      id: 'hooks',
      line: /^problem  hooks: post-commit missing from .*\.git\/hooks \(post-rewrite, pre-push in place\) — fix: aisess init$/,
    },
    {
      name: 'rewriteMode ignore',
      make: () => git(r, ['config', 'notes.rewriteMode', 'ignore']),
      id: 'notes-rewrite',
      line: /^problem  notes-rewrite: notes.rewriteMode is "ignore": amend and rebase will drop aisess notes — fix: git config notes.rewriteMode concatenate$/,
    },
    {
      name: 'our ref out of notes.rewriteRef',
      make: () => git(r, ['config', '--unset-all', 'notes.rewriteRef']),
      id: 'notes-rewrite',
      line: /^problem  notes-rewrite: notes.rewriteRef does not include refs\/notes\/aisess: .* — fix: git config --add notes.rewriteRef refs\/notes\/aisess$/,
    },
    {
      name: 'an unreadable config value',
      make: () => git(r, ['config', 'aisess.noteBudget', 'lots']),
      id: 'config',
      line: /^problem  config: git config aisess.noteBudget is 'lots': expected a size .* — fix: git config --unset-all aisess.noteBudget$/,
    },
    {
      name: 'a push remote that does not exist',
      make: () => git(r, ['config', 'aisess.pushRemote', 'upstream']),
      id: 'notes-remotes',
      line: /^problem  notes-remotes: aisess.pushRemote names 'upstream', but this repository has no remote of that name — fix: git config --fixed-value --unset-all aisess.pushRemote upstream$/,
    },
    {
      name: 'a failed bind',
      make: () => writeFileSync(join(r, '.git/aisess/bind-failures.json'), JSON.stringify([{ at: Date.now(), session: session.id, message: 'disk full' }])),
      id: 'bind-failures',
      line: new RegExp(`^problem  bind-failures: 1 bind failed; the latest, session ${session.id}: disk full — fix: aisess status \\(tries again, and lists why each failed\\)$`),
    },
    {
      name: 'hooks that cannot find aisess',
      make: () => writeFileSync(join(r, '.git/aisess/hook.log'), 'aisess post-commit: aisess not found (/gone/main.js)\n'),
      id: 'hook-log',
      line: /^problem  hook-log: 1 hook failure since binding last worked \(.*hook\.log\); the latest: aisess post-commit: aisess not found \(\/gone\/main\.js\): the hooks cannot start aisess — fix: aisess init$/,
    },
  ];
  for (const c of cases) c.make();
  const d = doctor(r);
  assert.equal(d.status, 1, d.lines.join('\n'));
  const lines = cases.map((c) => {
    const line = d.of(c.id).find((l) => c.line.test(l));
    assert.ok(line, `${c.name}: ${d.of(c.id).join('\n')}`);
    return line;
  });
  assert.equal(d.problems.length, cases.length, d.problems.join('\n'));
  for (const line of lines) runFix(r, line);
  const after = doctor(r);
  assert.deepEqual(after.problems, []);
  assert.equal(after.status, 0);
  for (const id of new Set(cases.map((c) => c.id))) assert.deepEqual(after.of(id).filter((l) => !l.startsWith('ok')), [], id);
});

test('core.hooksPath set globally after init hides the hooks: a problem; aisess init installs where git looks', (t) => {
  const r = repo();
  assert.equal(aisess(r, ['init', '-q']).status, 0);
  const hooks = join(sb.home, 'global-hooks');
  mkdirSync(hooks, { recursive: true });
  const globalConfig = join(sb.home, 'gitconfig');
  writeFileSync(globalConfig, `[core]\n\thooksPath = ${hooks}\n`);
  t.after(() => rmSync(globalConfig));
  const env = { GIT_CONFIG_GLOBAL: globalConfig };
  const d = doctor(r, env);
  assert.equal(d.status, 1);
  const line = d.of('hooks-path')[0]!;
  assert.equal(line, `problem  hooks-path: core.hooksPath from your global config (${globalConfig}) makes git run hooks from ${hooks}, not from ${join(r, '.git', 'hooks')} where aisess's hooks are: they never run — fix: aisess init`);
  assert.match(d.of('hooks')[0]!, /^problem  hooks: no aisess hooks in .*global-hooks, where git runs hooks/);
  runFix(r, line, env);
  const after = doctor(r, env);
  assert.deepEqual(after.notOk, []);
  assert.equal(after.of('hooks-path')[0], `ok       hooks-path: core.hooksPath from your global config (${globalConfig}) is ${hooks}: git runs hooks from ${hooks}`);
});

test('warnings do not fail: pending segments, hook failures other than "aisess not found"', async () => {
  const r = repo();
  assert.equal(aisess(r, ['init', '-q']).status, 0);
  // The recorder's clock starts at 0 (1970): without this its changes would have expired.
  git(r, ['config', 'aisess.pendingExpiry', 'never']);
  await recordSession(r, [{ out: 'edit' }, { write: { 'a.txt': 'a1\n' } }]);
  writeFileSync(join(r, '.git/aisess/hook.log'), [
    `${new Date(Date.now() - 3_600_000).toISOString()} post-commit 0123456789ab: bound S0 [0] in 12 ms`,
    `${new Date(Date.now() - 60_000).toISOString()} post-commit failed: Error: EACCES: permission denied`,
    '    at open (node:fs:1:1)',
    '',
  ].join('\n'));
  const d = doctor(r);
  assert.equal(d.status, 0, d.lines.join('\n'));
  assert.equal(d.of('pending')[0], 'warning  pending: 1 segment of 1 session wait for a commit — fix: aisess status (lists them, and binds any commit a hook missed)');
  assert.match(d.of('hook-log')[0]!, /^warning  hook-log: 1 hook failure since binding last worked \(.*\); the latest: post-commit failed: Error: EACCES: permission denied — fix: aisess status \(binds what the hooks missed\)$/);
  assert.match(d.of('store')[0]!, /^ok +store: 1 session, \d+(\.\d)? (B|KB) in .*\.git\/aisess$/);
});

test('core.hooksPath inside the working tree (husky): a warning with the way to chain aisess, ok once the user\'s hook calls it', () => {
  const r = repo();
  mkdirSync(join(r, '.husky'));
  git(r, ['config', 'core.hooksPath', '.husky']);
  const d = doctor(r);
  assert.equal(d.status, 0, d.lines.join('\n'));
  assert.equal(d.of('hooks')[0], `warning  hooks: core.hooksPath ${join(r, '.husky')} is inside the working tree, where aisess installs no hooks: a commit made after a session is bound only by the next session or \`aisess status\` — fix: aisess init (prints the line to add to ${join(r, '.husky', 'post-commit')})`);
  const init = aisess(r, ['init']);
  assert.equal(init.status, 64);
  const chain = /^ {4}(aisess_head=.*)$/m.exec(init.stderr)?.[1];
  assert.ok(chain, init.stderr);
  writeFileSync(join(r, '.husky/post-commit'), `#!/bin/sh\n${chain}\n`);
  assert.equal(doctor(r).of('hooks')[0], `ok       hooks: core.hooksPath ${join(r, '.husky')} is in the working tree, and its post-commit hook calls aisess`);
});

test('init --undo sticks: autoInit off (status and doctor say so), a real `aisess run` does not reinstall; init turns it on', async () => {
  const r = repo();
  assert.equal(aisess(r, ['init', '-q']).status, 0);
  const undo = aisess(r, ['init', '--undo']);
  assert.equal(undo.status, 0, undo.stderr);
  assert.match(undo.stderr, /set aisess\.autoInit false in this repository: `aisess run` will not install the hooks again \(`aisess init` turns it back on\)/);
  assert.equal(git(r, ['config', '--local', 'aisess.autoInit']), 'false');
  const run = runProgram(sb, r, ['true']);
  assert.deepEqual(await run.exited, { code: 0 });
  assert.ok(!existsSync(join(r, '.git/hooks/post-commit')), 'aisess run did not reinstall the hooks');
  const status = aisess(r, ['status']);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /^aisess\.autoInit is false in this repository: `aisess run` does not install the git hooks here \(`aisess init` installs them and turns it back on\)$/m);
  assert.equal(JSON.parse(aisess(r, ['status', '--json']).stdout).autoInit, false);
  const d = doctor(r);
  assert.equal(d.status, 0);
  assert.equal(d.of('auto-init')[0], "warning  auto-init: aisess.autoInit is false in this repository's config (as `aisess init --undo` leaves it): `aisess run` does not install the hooks in this repository — fix: aisess init");
  assert.match(d.of('hooks')[0]!, /^warning  hooks: no aisess hooks in .*, and aisess.autoInit is false/);

  const init = aisess(r, ['init']);
  assert.match(init.stderr, /aisess\.autoInit is on again in this repository/);
  assert.equal(spawnSync('git', ['config', '--local', 'aisess.autoInit'], { cwd: r }).status, 1, 'the local value is gone');
  assert.deepEqual(doctor(r).notOk, []);
  assert.equal(JSON.parse(aisess(r, ['status', '--json']).stdout).autoInit, undefined);
});

test('outside a repository: the install is checked, the repository checks are skipped with a warning, exit 0', () => {
  const d = doctor(sb.home);
  assert.equal(d.status, 0, d.lines.join('\n'));
  assert.equal(d.of('repository')[0], 'warning  repository: not inside a git repository: only the install was checked (run `aisess doctor` in a repository to check its hooks and notes)');
  assert.equal(d.of('store')[0], `ok       store: 0 sessions, 0 B in ${join(sb.home, 'state')}`);
  assert.deepEqual(d.of('hooks'), []);
});

test('no agent on PATH is a warning; one that does not answer --version is a unit test (test/doctor/checks.test.ts)', () => {
  const none = doctor(sb.home, { PATH: '/usr/bin:/bin' });
  assert.equal(none.status, 0);
  assert.equal(none.of('agents')[0], 'warning  agents: neither claude nor codex is on PATH: `aisess run -- <program>` records any other terminal program');
});
