import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { claudeProjectDir } from '../../src/agents/claude.js';
import { agentsWorld, aisess, commitPaths, quit, runAgent, waitForNote, type AgentsWorld } from './agents-session.js';

const settle = () => new Promise((r) => setTimeout(r, 2000));

/**
 * The fake writes like the real 2.1.197: the first response's assistant lines before the prompt's
 * user line, and a subagent's Write in its own file. The commit's note holds all of the first turn.
 */
describe('aisess run claude: lines out of file order, a subagent → commit → show', { timeout: 180_000 }, () => {
  let w: AgentsWorld;
  let commit: string;
  before(async () => {
    w = agentsWorld();
    w.env.FAKE_CLAUDE_SUBAGENT = 'src/sub.js';
    const t = runAgent(w, 'claude', [
      { prompt: 'add a hello module' },
      { say: 'Adding hello.js now.' },
      { write: { path: 'src/hello.js', content: 'export const hello = () => "hi";\n' } },
      { write: { path: 'src/sub.js', content: 'export const sub = 1;\n' } },
      { say: 'CLAUDE-DONE' },
    ]);
    try {
      await t.waitFor('CLAUDE-DONE', { timeoutMs: 60_000 });
      await settle();
      commit = commitPaths(w, ['src/hello.js', 'src/sub.js'], 'hello');
      await waitForNote(w, commit);
      await quit(t);
    } finally {
      await t.dispose();
    }
  });
  after(() => w.cleanup());

  it('the transcript really had the first answer before its prompt', () => {
    const dir = claudeProjectDir({ CLAUDE_CONFIG_DIR: w.env.CLAUDE_CONFIG_DIR }, w.repo);
    const file = readdirSync(dir).find((n) => n.endsWith('.jsonl')) as string;
    const types = readFileSync(join(dir, file), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    assert.ok(types.indexOf('assistant') < types.indexOf('user'), types.join(' '));
  });

  it("show --json holds the first turn's prompt, answer, tool calls (the subagent's too) and files", () => {
    const json = JSON.parse(aisess(w, ['show', 'HEAD', '--json']));
    assert.equal(json.commit, commit);
    const all = json.segments;
    assert.deepEqual(all.flatMap((s: { prompts: string[] }) => s.prompts), ['add a hello module']);
    const answers = all.flatMap((s: { answers: string[] }) => s.answers);
    assert.ok(answers.includes('Adding hello.js now.'), JSON.stringify(answers));
    const calls = all.flatMap((s: { toolCalls: { name: string; args: { path?: string } }[] }) => s.toolCalls);
    assert.deepEqual(calls.map((c: { name: string }) => c.name), ['Write', 'Agent', 'Write']);
    assert.match(calls[0].args.path, /src\/hello\.js$/);
    assert.match(calls[2].args.path, /src\/sub\.js$/);
    // A file may be listed by two segments of the turn (its change and its edit event cut apart).
    const files = new Set(all.flatMap((s: { files: { path: string }[] }) => s.files).map((f: { path: string }) => f.path));
    assert.deepEqual([...files].sort(), ['src/hello.js', 'src/sub.js']);
  });
});
