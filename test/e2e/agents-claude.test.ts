import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openRepo } from '../../src/git/repo.js';
import { readNote } from '../../src/notes/index.js';
import { agentsWorld, aisess, commitPaths, quit, runAgent, waitForNote, type AgentsWorld } from './agents-session.js';

const settle = () => new Promise((r) => setTimeout(r, 2000));

describe('aisess run claude → commit → show / log', { timeout: 180_000 }, () => {
  let w: AgentsWorld;
  let commit: string;
  before(async () => {
    w = agentsWorld();
    const t = runAgent(w, 'claude', [
      { prompt: 'add a hello module' },
      { think: 400 },
      { say: 'Adding hello.js now.' },
      { write: { path: 'src/hello.js', content: 'export const hello = () => "hi";\nexport default hello;\n' } },
      { say: 'CLAUDE-DONE' },
    ]);
    try {
      await t.waitFor('CLAUDE-DONE', { timeoutMs: 60_000 });
      await settle();
      commit = commitPaths(w, ['src/hello.js'], 'hello');
      await waitForNote(w, commit);
      await quit(t);
    } finally {
      await t.dispose();
    }
  });
  after(() => w.cleanup());

  it('show --json holds the prompt, answers, tool call, model, session id and resume command', () => {
    const json = JSON.parse(aisess(w, ['show', 'HEAD', '--json']));
    assert.equal(json.commit, commit);
    assert.equal(json.unredacted, false);
    const own = json.segments.filter((s: { prompts: string[] }) => s.prompts.length > 0);
    assert.deepEqual(own.flatMap((s: { prompts: string[] }) => s.prompts), ['add a hello module']);
    const all = json.segments;
    assert.ok(all.every((s: { agent: string }) => s.agent === 'claude'));
    assert.ok(all.some((s: { answers: string[] }) => s.answers.includes('Adding hello.js now.')));
    const calls = all.flatMap((s: { toolCalls: unknown[] }) => s.toolCalls);
    assert.deepEqual(calls.map((c: { name: string }) => c.name), ['Write']);
    assert.match(calls[0].args.path, /src\/hello\.js$/);
    const seg = all[0];
    assert.equal(seg.model, 'claude-sonnet-4-5-20250929');
    assert.match(seg.agentSession.id, /^[0-9a-f-]{36}$/);
    assert.equal(seg.resume, `claude --resume ${seg.agentSession.id}`);
    assert.ok(seg.tokens.output > 0, 'usage was summed');
    const file = all.flatMap((s: { files: { path: string }[] }) => s.files).find((f: { path: string }) => f.path === 'src/hello.js');
    assert.deepEqual([file.added, file.removed, file.status], [2, 0, 'added']);
  });

  it('show prints the conversation, the model and the resume command; the screen only with --screen', () => {
    const json = JSON.parse(aisess(w, ['show', 'HEAD', '--json']));
    const text = aisess(w, ['show', 'HEAD']);
    assert.match(text, /❯ add a hello module/);
    assert.match(text, /⏺ Adding hello\.js now\./);
    assert.match(text, /⚙ Write src\/hello\.js/);
    assert.match(text, /model {5}claude-sonnet-4-5-20250929/);
    assert.ok(text.includes(`resume    claude --resume ${json.segments[0].agentSession.id}`));
    assert.match(text, /A src\/hello\.js \+2 -0/);
    assert.match(text, /terminal text: \d+ lines?, shown with --screen/);
    assert.doesNotMatch(text, /\x1b/, 'no colour when stdout is not a terminal');
    assert.match(aisess(w, ['show', 'HEAD', '--screen']), /│ .*size 100x30/);
  });

  it('thinking blocks are not in the note', async () => {
    const note = await readNote(await openRepo(w.repo), commit);
    const body = JSON.stringify(note.records.map((r) => r.body));
    assert.ok(body.includes('add a hello module'), 'the note was read');
    assert.doesNotMatch(body, /about the request/, 'the fake thinking text');
    assert.doesNotMatch(body, /\\"type\\":\\"thinking\\"|"kind":"thinking"|\\"kind\\":\\"thinking\\"/);
  });

  it('log shows agent, model and the first prompt', () => {
    const line = aisess(w, ['log']).trimEnd().split('\n')[0]!;
    assert.match(line, new RegExp(`^${commit.slice(0, 7)}\\S*  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  claude  claude-sonnet-4-5-20250929  \\d+ segments?  \\S+  add a hello module$`));
    const [entry] = JSON.parse(aisess(w, ['log', '--json']));
    assert.deepEqual([entry.agents, entry.models, entry.title], [['claude'], ['claude-sonnet-4-5-20250929'], 'add a hello module']);
  });

  it('--unredacted rebuilds from the local journal, and says so when the journal is gone', async () => {
    const json = JSON.parse(aisess(w, ['show', 'HEAD', '--json', '--unredacted']));
    assert.equal(json.unredacted, true);
    assert.deepEqual(json.segments.flatMap((s: { prompts: string[] }) => s.prompts), ['add a hello module']);
    const { rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    rmSync(join(w.repo, '.git', 'aisess', 'sessions'), { recursive: true, force: true });
    const { runCli } = await import('../helpers/cli.js');
    const r = runCli(['show', 'HEAD', '--unredacted'], { cwd: w.repo, env: { ...process.env, ...w.env } });
    assert.equal(r.status, 66, r.stderr);
    assert.match(r.stderr, /^aisess: cannot show session \S+ unredacted: this machine has no recording of it$/m);
    assert.match(r.stderr, /only holds the redacted copy/);
  });
});
