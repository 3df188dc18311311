import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { encodeJournal } from '../../src/journal/blocks.js';
import { writeMeta, type SessionMeta } from '../../src/store/meta.js';
import { runCli } from '../helpers/cli.js';
import { git, tempDir, tempRepo } from '../helpers/git.js';
import { record } from '../journal/helpers.js';
import { sampleHeader } from '../journal/sample.js';

const repo = tempRepo({ 'a.txt': 'a\n' });
const wt = tempDir('aisess-wt-');
const outside = tempDir('aisess-outside-');
const env = { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir(), TZ: 'UTC' };
let finishedId = '';
const staleId = '20200101-000000-5ta1e0';

before(async () => {
  git(repo.path, ['worktree', 'add', '-q', join(wt.path, 'linked')]);
  const { rec } = record('/unused', repo.path, { env, agent: 'claude', argv: ['claude', '--resume'] });
  rec.output('hello');
  await rec.close({ code: 0 });
  finishedId = rec.id;
  // A session whose recorder was kill -9'd long ago: pid 1 at another start time.
  const store = join(repo.path, '.git', 'aisess');
  const header = { ...sampleHeader, aisess: { ...sampleHeader.aisess, id: staleId } };
  writeFileSync(join(store, 'sessions', `${staleId}.cast.zst`), encodeJournal(header, [[{ time: 4, code: 'o', data: 'lost?' }]]));
  const stale: SessionMeta = {
    format: 1, id: staleId, agent: 'codex', argv: ['codex'], cwd: repo.path,
    owner: { pid: 1, host: hostname(), bootId: null, procStart: '-1' },
    startedAt: Date.UTC(2020, 0, 1), endedAt: null, status: 'running', exit: null, bytes: 0, events: 0, duration: 0,
    journal: `${staleId}.cast.zst`,
  };
  await writeMeta(store, stale);
});
after(() => [repo, wt, outside].forEach((d) => d.cleanup()));

describe('aisess sessions', () => {
  test('--json lists the repository sessions newest first, stale ones recovered', () => {
    const r = runCli(['sessions', '--json'], { cwd: repo.path, env });
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout) as (SessionMeta & { path: string })[];
    assert.deepEqual(list.map((m) => [m.id, m.agent, m.status]), [[finishedId, 'claude', 'finished'], [staleId, 'codex', 'recovered']]);
    assert.deepEqual(list[0]!.exit, { code: 0 });
    assert.deepEqual(list[0]!.argv, ['claude', '--resume']);
    assert.equal(list[0]!.path, join(repo.path, '.git', 'aisess', 'sessions', `${finishedId}.cast.zst`));
    assert.equal(list[1]!.duration, 4);
    assert.equal(list[1]!.endedAt, Date.UTC(2020, 0, 1) + 4000);
  });

  test('the table shows id, agent, local start, duration, size and status', () => {
    const r = runCli(['sessions'], { cwd: repo.path, env });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^ID\s+AGENT\s+STARTED\s+DURATION\s+SIZE\s+STATUS$/);
    assert.match(lines[1]!, new RegExp(`^${finishedId}  claude\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  0s\\s+\\d+ B\\s+exit 0$`));
    assert.match(lines[2]!, new RegExp(`^${staleId}  codex\\s+2020-01-01 00:00  4s\\s+\\d+ B\\s+recovered$`));
    assert.equal(lines.length, 3);
  });

  test('a linked worktree sees the same sessions', () => {
    const r = runCli(['sessions', '--json'], { cwd: join(wt.path, 'linked'), env });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as SessionMeta[]).map((m) => m.id), [finishedId, staleId]);
  });

  test('outside a repository: the state dir, empty at first', () => {
    const state = join(outside.path, 'state');
    const json = runCli(['sessions', '--json'], { cwd: outside.path, env: { ...env, AISESS_STATE_DIR: state } });
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), []);
    const table = runCli(['sessions'], { cwd: outside.path, env: { ...env, AISESS_STATE_DIR: state } });
    assert.equal(table.stdout, '');
    assert.match(table.stderr, new RegExp(`no sessions recorded yet in ${state}`));
  });

  test('an unknown option is a usage error', () => {
    const r = runCli(['sessions', '--jsn'], { cwd: repo.path, env });
    assert.equal(r.status, 64);
    assert.match(r.stderr, /unknown option '--jsn'/);
  });
});
