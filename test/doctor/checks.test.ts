import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { agentVersion } from '../../src/doctor/agents.js';
import { nativeCheck, relayCheck } from '../../src/doctor/environment.js';
import { checkLine, summaryLine } from '../../src/doctor/format.js';
import { probeVersion } from '../../src/doctor/version-probe.js';
import { rewriteFindings } from '../../src/notes/rewrite-config.js';
import { tempDir } from '../helpers/git.js';

test('agent versions in the real clients\' formats, and anything version-like otherwise', () => {
  const rows: [string, string, string | null][] = [
    ['claude', '2.1.197 (Claude Code)\n', '2.1.197'],
    ['claude', '2.1.332 (Claude Code)', '2.1.332'],
    ['codex', 'codex-cli 0.169.0\n', '0.169.0'],
    ['codex', 'codex-cli 0.171.0-alpha.2', '0.171.0-alpha.2'],
    ['codex', 'OpenAI Codex v1.2', '1.2'],
    ['claude', 'Usage: claude [options]', null],
  ];
  for (const [name, out, want] of rows) assert.equal(agentVersion(name, out), want, out);
});

test('native modules: a module that does not load is a problem naming it, with npm rebuild in the install folder', () => {
  const fine = nativeCheck((name) => (name === 'zstd-napi' ? { compress: (b: Uint8Array) => Buffer.from(b), decompress: (b: Uint8Array) => Buffer.from(b) } : {}), '/opt/aisess');
  assert.equal(fine.level, 'ok');
  const broken = nativeCheck((name) => {
    if (name === 'node-pty') throw new Error('The module pty.node was compiled against a different Node.js version\nmore');
    return { compress: () => Buffer.from('x'), decompress: () => Buffer.from('x') };
  }, '/opt/my aisess');
  assert.equal(broken.level, 'problem');
  assert.match(broken.message, /node-pty: The module pty\.node was compiled against a different Node\.js version; zstd-napi: compress\/decompress round trip failed$/);
  assert.equal(broken.fix, "cd '/opt/my aisess' && npm rebuild node-pty zstd-napi (or run ./install.sh there again)");
  assert.equal(nativeCheck().level, 'ok', 'the modules of this checkout load');
});

test('relay: missing is a warning (aisess relays in JavaScript), with the build command', () => {
  assert.equal(relayCheck(undefined, '/opt/aisess').level, 'warning');
  assert.equal(relayCheck(undefined, '/opt/aisess').fix, 'cd /opt/aisess && npm run build');
  assert.equal(relayCheck('/bin/sh').level, 'ok');
});

test('a program that does not answer --version is given up at the deadline, its children too', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const hang = join(dir.path, 'hang');
  // A child that keeps the pipe open after its parent is killed must not keep the probe waiting.
  writeFileSync(hang, '#!/bin/sh\nsleep 30 &\nexec sleep 30\n');
  chmodSync(hang, 0o755);
  const started = Date.now();
  assert.deepEqual(await probeVersion(hang, ['--version'], 300), { ok: false, reason: 'did not answer within 0.3 s' });
  assert.ok(Date.now() - started < 2000);
  const fails = join(dir.path, 'fails');
  writeFileSync(fails, '#!/bin/sh\necho "unknown option --version" >&2\nexit 2\n');
  chmodSync(fails, 0o755);
  assert.deepEqual(await probeVersion(fails, ['--version'], 3000), { ok: false, reason: 'exited with 2: unknown option --version' });
  assert.deepEqual(await probeVersion('/bin/echo', ['2.1.197 (Claude Code)'], 3000), { ok: true, output: '2.1.197 (Claude Code)' });
  assert.equal((await probeVersion(join(dir.path, 'absent'), [], 3000)).ok, false);
});

test('notes.rewrite settings that lose notes, each with the local setting that mends it', () => {
  const m = (entries: Record<string, string[]>) => new Map(Object.entries(entries));
  assert.deepEqual(rewriteFindings(m({})), []);
  assert.deepEqual(rewriteFindings(m({ 'notes.rewritemode': ['ignore', 'concatenate'] })), []);
  assert.deepEqual(rewriteFindings(m({ 'notes.rewritemode': ['Ignore'], 'notes.rewrite.amend': ['false'], 'notes.rewrite.rebase': ['no'] })).map((f) => f.fix), [
    'git config notes.rewriteMode concatenate', 'git config notes.rewrite.amend true', 'git config notes.rewrite.rebase true',
  ]);
});

test('one line per check, the fix at its end; the summary counts', () => {
  assert.equal(checkLine({ id: 'hooks', level: 'problem', message: 'post-commit missing', fix: 'aisess init' }), 'problem  hooks: post-commit missing — fix: aisess init');
  assert.equal(checkLine({ id: 'git', level: 'ok', message: 'git 2.39.5' }), 'ok       git: git 2.39.5');
  assert.equal(summaryLine({ checks: [], problems: 0, warnings: 0 }), 'everything checked is in order');
  assert.equal(summaryLine({ checks: [], problems: 2, warnings: 1 }), '2 problems, 1 warning: each problem line ends with the command that fixes it');
});
