/**
 * Replays the live conformance runs saved under fixtures/real/<client>@<version>/<scenario>/ through
 * today's parsers, segmenter and compactor, with the live suite's assertions (expect.ts), so every
 * `npm test` checks the real clients' formats without the binaries. Refresh with `npm run test:real`.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AgentEvent } from '../../src/agents/types.js';
import { decodeStream } from '../../src/record/decode.js';
import { renderScreenText } from '../../src/compact/screen.js';
import { filterScreen } from '../../src/term/screen-filter.js';
import { fixturesDir } from '../helpers/cli.js';
import { checkScreen, checkSessionScreen, checkShown, drawnPrompts, resumeCommand } from './expect.js';
import { lines, loadFixture, parserOf, sessionsOf, shownFor } from './offline.js';

const root = join(fixturesDir, 'real');
const dirs = existsSync(root)
  ? readdirSync(root).filter((v) => v.includes('@')).flatMap((v) => readdirSync(join(root, v)).map((s) => join(root, v, s))).filter((d) => existsSync(join(d, 'expect.json'))).sort()
  : [];

it('there are saved real-client runs to replay', () => assert.ok(dirs.length > 0, `none under ${root}`));

for (const dir of dirs) {
  const f = loadFixture(dir);
  const e = f.expect;
  describe(`${e.client}@${e.version} ${e.scenario}`, () => {
    it('the parser reads every turn of each agent session: prompts (and nothing else as one), answers, tool calls, model, tokens, id', () => {
      const bad: string[] = [];
      const parser = parserOf(e.client);
      const sub: AgentEvent[] = f.subagents.flatMap((file) => {
        const state = parser.init();
        return lines(file).flatMap((l) => parser.parseLine(l, state));
      });
      for (const [name, id] of Object.entries(e.agentSessions)) {
        const state = parser.init();
        const events = (f.transcripts.get(id) ?? []).flatMap((l) => parser.parseLine(l, state));
        if (state.problems) bad.push(`${name}: ${state.problems} unreadable lines`);
        const turns = e.turns.filter((t) => t.session === name);
        const prompts = [...new Set(events.flatMap((x) => (x.kind === 'prompt' ? [x.text] : [])))];
        assert.deepEqual(prompts, turns.map((t) => t.prompt), `${name}: prompts`);
        const answers = events.flatMap((x) => (x.kind === 'answer' ? [x.text] : []));
        for (const t of turns) if (!answers.includes(t.answer)) bad.push(`${name}: answer ${t.answer} missing`);
        const calls = [...events, ...sub].flatMap((x) => (x.kind === 'tool_call' ? [x] : []));
        for (const tool of turns.flatMap((t) => t.tools)) {
          if (!calls.some((c) => c.name === tool.name && tool.files.every((p) => JSON.stringify(c.args).includes(p)))) bad.push(`${name}: tool call ${tool.name}(${tool.files}) missing`);
        }
        const models = events.flatMap((x) => (x.kind === 'model' ? [x.name] : []));
        if (!models.includes(e.model)) bad.push(`${name}: model ${e.model} not among ${JSON.stringify(models)}`);
        const output = events.reduce((n, x) => n + (x.kind === 'usage' ? x.output : 0), 0);
        if (output <= 0) bad.push(`${name}: no output tokens`);
        const session = events.find((x) => x.kind === 'session');
        if (session?.kind !== 'session' || session.id !== id || session.resume !== resumeCommand(e.client, id)) bad.push(`${name}: session event ${JSON.stringify(session)}`);
      }
      assert.deepEqual(bad, []);
    });

    it('segmenter + binding + compactor: each commit shows exactly its turns, with answers, tool calls, files, model, tokens, session, resume', async () => {
      const sessions = sessionsOf(f);
      const bad: string[] = [];
      for (const c of e.commits) bad.push(...checkShown(e, c, (await shownFor(sessions, c.files)).shown));
      assert.deepEqual(bad, []);
    });

    it('the screen text of each commit holds its turns\' prompts', async () => {
      const sessions = sessionsOf(f);
      const bad: string[] = [];
      for (const c of e.commits) {
        const { shown } = await shownFor(sessions, c.files);
        bad.push(...checkScreen(`${c.files.join('+')}`, shown.map((s) => s.text).join('\n'), drawnPrompts(e.turns, c.prompts)));
      }
      assert.deepEqual(bad, []);
    });

    it('each session\'s whole stream, rendered as one screen text, holds the prompt of every turn it drew', async () => {
      const bad: string[] = [];
      for (const [i, j] of f.journals.entries()) {
        const stream = j.events.filter((x) => x.code === 'o' || x.code === 'r').map((x) => [x.time, x.code, x.data] as const);
        const { text } = await renderScreenText(stream, j.header.term);
        bad.push(...checkSessionScreen(`journal ${i}`, e.turns, stream.map((x) => (x[1] === 'o' ? x[2] : '')).join(''), text));
      }
      assert.deepEqual(bad, []);
    });

    it('the compacted stream of each bound segment decodes to its recorded output minus the dropped OSC sequences', async () => {
      const sessions = sessionsOf(f);
      for (const c of e.commits) {
        for (const { record, segment } of (await shownFor(sessions, c.files)).records) {
          const decoded = decodeStream(record.body).filter((x) => x[1] === 'o').map((x) => x[2]).join('');
          const recorded = filterScreen(segment.events.filter((x) => x.code === 'o').map((x) => x.data)).join('');
          assert.equal(decoded, recorded, `${c.files.join('+')} segment ${segment.index}`);
        }
      }
    });

    it('the parser never throws on damaged real lines (cut anywhere, garbage spliced in) and counts what it cannot read', () => {
      const parser = parserOf(e.client);
      const all = [...f.transcripts.values()].flat();
      fc.assert(fc.property(fc.constantFrom(...all), fc.nat(), fc.string(), (line, at, junk) => {
        const cut = at % (line.length + 1);
        const state = parser.init();
        const damaged = line.slice(0, cut) + junk + line.slice(cut);
        const events = parser.parseLine(damaged, state);
        let json = true;
        try { JSON.parse(damaged); } catch { json = false; }
        assert.ok(Array.isArray(events));
        if (!json) assert.equal(state.problems, 1);
      }), { numRuns: 300 });
    });
  });
}
