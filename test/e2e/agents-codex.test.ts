import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentsWorld, aisess, commitPaths, quit, runAgent, waitForNote, type AgentsWorld } from './agents-session.js';
import { sleep } from '../helpers/wait.js';

// 0.169 writes the prompt only as item_completed UserMessage (no user_message): show had no prompt.
for (const format of ['0.169', 'legacy'] as const) describe(`aisess run codex (${format} rollout format) → commit → show / log`, { timeout: 180_000 }, () => {
  let w: AgentsWorld;
  let commit: string;
  before(async () => {
    w = agentsWorld();
    if (format === 'legacy') w.env.FAKE_CODEX_FORMAT = 'legacy';
    const t = runAgent(w, 'codex', [
      { prompt: 'write the notes file' },
      { think: 400 },
      { say: 'Writing notes.md.' },
      { write: { path: 'notes.md', content: '# Notes\n\none\ntwo\n' } },
      { run: 'echo checked' },
      { say: 'CODEX-DONE' },
    ]);
    try {
      await t.waitFor('CODEX-DONE', { timeoutMs: 60_000 });
      await sleep(2000);
      commit = commitPaths(w, ['notes.md'], 'notes');
      await waitForNote(w, commit);
      await quit(t);
    } finally {
      await t.dispose();
    }
  });
  after(() => w.cleanup());

  it('show --json holds the prompt, apply_patch call, model, session id and `codex resume <id>`', () => {
    const json = JSON.parse(aisess(w, ['show', 'HEAD', '--json']));
    const segs = json.segments;
    assert.deepEqual(segs.flatMap((s: { prompts: string[] }) => s.prompts), ['write the notes file']);
    assert.ok(segs.some((s: { answers: string[] }) => s.answers.includes('Writing notes.md.')));
    assert.deepEqual(segs.flatMap((s: { toolCalls: { name: string }[] }) => s.toolCalls.map((c) => c.name)),
      ['apply_patch', format === 'legacy' ? 'shell' : 'exec_command']);
    assert.equal(segs.flatMap((s: { answers: string[] }) => s.answers).filter((a: string) => a === 'Writing notes.md.').length, 1, 'each answer once');
    const seg = segs[0];
    assert.equal(seg.agent, 'codex');
    assert.equal(seg.model, 'gpt-5.1-codex');
    assert.match(seg.agentSession.id, /^[0-9a-f-]{36}$/);
    assert.equal(seg.resume, `codex resume ${seg.agentSession.id}`);
    const file = segs.flatMap((s: { files: { path: string }[] }) => s.files).find((f: { path: string }) => f.path === 'notes.md');
    assert.deepEqual([file.added, file.removed], [4, 0]);
  });

  it('log shows agent, model and the first prompt', () => {
    const [entry] = JSON.parse(aisess(w, ['log', '--json']));
    assert.deepEqual([entry.commit, entry.agents, entry.models, entry.title], [commit, ['codex'], ['gpt-5.1-codex'], 'write the notes file']);
    assert.match(aisess(w, ['log']), /  codex  gpt-5\.1-codex  .*  write the notes file\n/);
  });
});
