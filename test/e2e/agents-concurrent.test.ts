import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { agentsWorld, aisess, commitPaths, quit, runAgent, waitForNote, type AgentsWorld } from './agents-session.js';
import { sleep } from '../helpers/wait.js';

const script = (who: string, file: string) => [
  { prompt: `session ${who}: write ${file}` },
  { think: 300 },
  { say: `answer from ${who}` },
  { write: { path: file, content: `${who}\n` } },
  { say: `DONE-${who}` },
];

describe('two claude sessions at once in one directory, each commit gets only its own session', { timeout: 240_000 }, () => {
  let w: AgentsWorld;
  const commits: Record<string, string> = {};
  before(async () => {
    w = agentsWorld();
    const a = runAgent(w, 'claude', script('A', 'a.txt'));
    const b = runAgent(w, 'claude', script('B', 'b.txt'));
    try {
      await Promise.all([a.waitFor('DONE-A', { timeoutMs: 60_000 }), b.waitFor('DONE-B', { timeoutMs: 60_000 })]);
      await sleep(2000);
      commits.A = commitPaths(w, ['a.txt'], 'a');
      await waitForNote(w, commits.A);
      commits.B = commitPaths(w, ['b.txt'], 'b');
      await waitForNote(w, commits.B);
      await Promise.all([quit(a), quit(b)]);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });
  after(() => w.cleanup());

  for (const [who, other] of [['A', 'B'], ['B', 'A']] as const) {
    it(`the note of ${who}'s commit holds ${who}'s prompt and nothing of ${other}`, () => {
      const json = JSON.parse(aisess(w, ['show', commits[who]!, '--json']));
      const prompts = json.segments.flatMap((s: { prompts: string[]; continues: string | null }) => [...s.prompts, s.continues ?? []].flat());
      assert.ok(prompts.includes(`session ${who}: write ${who.toLowerCase()}.txt`), JSON.stringify(prompts));
      const everything = JSON.stringify(json);
      assert.doesNotMatch(everything, new RegExp(`session ${other}|answer from ${other}|DONE-${other}`));
      assert.equal(new Set(json.segments.map((s: { session: string }) => s.session)).size, 1, 'one aisess session');
      assert.equal(new Set(json.segments.map((s: { agentSession: { id: string } }) => s.agentSession.id)).size, 1, 'one claude session');
    });
  }

  it('the two commits name different claude sessions', () => {
    const ids = ['A', 'B'].map((who) => JSON.parse(aisess(w, ['show', commits[who]!, '--json'])).segments[0].agentSession.id);
    assert.notEqual(ids[0], ids[1]);
  });
});
