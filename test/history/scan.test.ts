import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openRepo } from '../../src/git/repo.js';
import { appendRecords } from '../../src/notes/index.js';
import { builtinRules, redactEvents } from '../../src/redact/index.js';
import { formatScan, scanTarget } from '../../src/history/scan.js';
import { record } from '../journal/helpers.js';
import { git, gitEnv, tempDir, tempRepo } from '../helpers/git.js';

const TOKEN = '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';

describe('aisess scan (domain)', () => {
  it('a session journal: kinds and positions, never the secret', async () => {
    const state = tempDir();
    try {
      const { rec } = record(state.path, state.path);
      await rec.ready;
      rec.output(`$ export GH=${TOKEN.slice(0, 10)}`);
      rec.output(`${TOKEN.slice(10)}\r\n`);
      await rec.close({ code: 0 });
      const prev = process.env.AISESS_STATE_DIR;
      process.env.AISESS_STATE_DIR = state.path;
      const report = await scanTarget(state.path, rec.id).finally(() => {
        if (prev === undefined) delete process.env.AISESS_STATE_DIR;
        else process.env.AISESS_STATE_DIR = prev;
      });
      assert.deepEqual(report.target, { type: 'session', id: rec.id });
      assert.deepEqual(report.parts[0]!.findings.map((f) => [f.kind, f.where, f.offset, f.length]), [['github-token', 'stream', 12, 40]]);
      assert.ok(!JSON.stringify(report).includes(TOKEN.slice(10)) && !formatScan(report).join('\n').includes(TOKEN.slice(10)));
    } finally {
      state.cleanup();
    }
  });

  it('a commit: redacted records report nothing, unredacted ones report their secrets', async () => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    try {
      const head = git(repo.path, ['rev-parse', 'HEAD']).trim();
      const r = await openRepo(repo.path, { env: gitEnv });
      const events: [number, string, string][] = [[0, 'o', `token=${TOKEN}\r\n`]];
      const summary = { time: 0, agent: 'generic', durationMs: 0, title: '', files: 0 };
      const clean = { id: 's1:0', summary, body: { term: { cols: 80, rows: 24 }, events: redactEvents(events, builtinRules()).events } };
      const leaky = { id: 's2:0', summary, body: { term: { cols: 80, rows: 24 }, events, note: { password: 'Zq8vN3kLm2Pw' } } };
      await appendRecords(r, head, [clean, leaky]);
      const report = await scanTarget(repo.path, 'HEAD');
      assert.deepEqual(report.target, { type: 'commit', id: head });
      const byPart = Object.fromEntries(report.parts.map((p) => [p.name, p.findings.map((f) => f.kind)]));
      assert.deepEqual(byPart, { 's1:0': [], 's2:0': ['github-token', 'secret-field'] });
    } finally {
      repo.cleanup();
    }
  });

  it('a commit: a kept transcript line is read string by string (a secret in a written file\'s content is found)', async () => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    try {
      const head = git(repo.path, ['rev-parse', 'HEAD']).trim();
      const r = await openRepo(repo.path, { env: gitEnv });
      const content = 'REDIS_URL=redis://localhost:6379\nREDIS_PASSWORD=s3cr3t-Very-Long-Pass-9f8e7d\nAPI_TOKEN=\u2026\n';
      const line = JSON.stringify({ type: 'assistant', message: { content: [{ type: 'tool_use', name: 'Write', input: { file_path: '/w/.env', content } }] } });
      const events: [number, string, string][] = [[1, 'aisess.agent', JSON.stringify({ kind: 'transcript', line })]];
      const summary = { time: 0, agent: 'claude', durationMs: 0, title: '', files: 0 };
      const leaky = { id: 's3:0', summary, body: { term: { cols: 80, rows: 24 }, events, lead: [] } };
      const clean = { id: 's4:0', summary, body: { term: { cols: 80, rows: 24 }, events: redactEvents(events, builtinRules()).events } };
      await appendRecords(r, head, [leaky, clean]);
      const report = await scanTarget(repo.path, 'HEAD');
      const byPart = Object.fromEntries(report.parts.map((p) => [p.name, p.findings.map((f) => [f.kind, f.path])]));
      assert.deepEqual(byPart, { 's3:0': [['env-secret', 'line>message.content[0].input.content']], 's4:0': [] });
      assert.ok(!formatScan(report).join('\n').includes('s3cr3t'));
      assert.ok(JSON.stringify(clean).includes('API_TOKEN=\u2026'), 'the key after the secret is kept');
    } finally {
      repo.cleanup();
    }
  });
});
