import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openRepo } from '../../src/git/repo.js';
import { appendRecords } from '../../src/notes/index.js';
import { builtinRules, redactEvents, type CastEvent } from '../../src/redact/index.js';
import { runCli } from '../helpers/cli.js';
import { git, gitEnv, tempDir, tempRepo } from '../helpers/git.js';
import { testEnv } from '../helpers/term.js';
import { record } from '../journal/helpers.js';

// The three: an npm token in a Claude Code block, a Google API key in a box, a Stripe live key folded.
const NPM = 'npm_tyD7asxtswgOtSu7G7xkQXjj9nDf3xUvBQKo';
const GCP = 'AIzaAtisjVGInJnT9ZHQcpDPhe7ZpSUbJukTNtT';
const STRIPE = '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';
const OUTPUT = [
  '⏺ Bash(cat ~/.npmrc)\r\n',
  `  ⎿  //registry.npmjs.org/:_authToken=${NPM.slice(0, 20)}\r\n`,
  `     ${NPM.slice(20)}\r\n\r\n`,
  '╭────────────────────╮\r\n',
  `│ maps: ${GCP.slice(0, 12)} │\r\n`,
  `│ ${GCP.slice(12, 30)} │\r\n`,
  `│ ${GCP.slice(30).padEnd(18)} │\r\n`,
  '╰────────────────────╯\r\n',
  '$ fold -w 16 stripe.txt\r\n',
  ...`Stripe.api_key = "${STRIPE}"`.match(/.{1,16}/g)!.map((row) => `${row}\r\n`),
];
const KINDS = ['gcp-api-key', 'npm-token', 'stripe-key'];

interface Report {
  parts: { name: string; findings: { kind: string }[] }[];
}

const kinds = (stdout: string) => [...new Set((JSON.parse(stdout) as Report).parts.flatMap((p) => p.findings.map((f) => f.kind)))].sort();
const secretIn = (text: string) => [NPM, GCP, STRIPE].some((s) => text.includes(s.slice(-12)) || text.includes(s.slice(0, 12)));

describe('aisess scan finds secrets the program wrapped', () => {
  it('in a session journal: one finding of each kind, never the secret', async () => {
    const state = tempDir();
    try {
      const { rec } = record(state.path, state.path);
      await rec.ready;
      for (const chunk of OUTPUT) rec.output(chunk);
      await rec.close({ code: 0 });
      const env = testEnv({ AISESS_STATE_DIR: state.path });
      const json = runCli(['scan', rec.id, '--json'], { cwd: state.path, env });
      assert.equal(json.status, 0, json.stderr);
      assert.deepEqual(kinds(json.stdout), KINDS);
      const text = runCli(['scan', rec.id], { cwd: state.path, env });
      assert.equal(text.status, 0, text.stderr);
      for (const kind of KINDS) assert.match(text.stdout, new RegExp(`journal\t${kind}\tstream`));
      assert.ok(!secretIn(json.stdout + text.stdout + text.stderr));
    } finally {
      state.cleanup();
    }
  });

  it('on a commit: a record written unredacted reports them, the redacted one nothing', async () => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    try {
      const head = git(repo.path, ['rev-parse', 'HEAD']).trim();
      const events: CastEvent[] = OUTPUT.map((data, i) => [i / 10, 'o', data]);
      const summary = { time: 0, agent: 'claude', durationMs: 0, title: '', files: 0 };
      const body = (evs: CastEvent[]) => ({ term: { cols: 120, rows: 40 }, events: evs });
      const redacted = redactEvents(events, builtinRules()).events;
      assert.ok(!secretIn(redacted.map((e) => e[2]).join('')));
      await appendRecords(await openRepo(repo.path, { env: gitEnv }), head, [
        { id: 'leaky:0', summary, body: body(events) },
        { id: 'clean:0', summary, body: body(redacted) },
      ]);
      const r = runCli(['scan', 'HEAD', '--json'], { cwd: repo.path, env: testEnv(gitEnv) });
      assert.equal(r.status, 0, r.stderr);
      const byPart = Object.fromEntries((JSON.parse(r.stdout) as Report).parts.map((p) => [p.name, [...new Set(p.findings.map((f) => f.kind))].sort()]));
      assert.deepEqual(byPart, { 'leaky:0': KINDS, 'clean:0': [] });
    } finally {
      repo.cleanup();
    }
  });
});
