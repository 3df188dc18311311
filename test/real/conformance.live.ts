/**
 * The live conformance suite (`npm run test:real`): every scenario with the real, pinned `claude`
 * and `codex` against the mock model, through `aisess run` in a real pty. Each run is saved as a
 * fixture (fixtures/real/…) that `npm test` replays without the binaries (fixtures.test.ts).
 * Select with AISESS_REAL_CLIENTS=claude,codex, AISESS_REAL_SCENARIOS=one-turn,…, and try other
 * versions with AISESS_REAL_CLAUDE_VERSION / AISESS_REAL_CODEX_VERSION.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { decodeStream } from '../../src/record/decode.js';
import { renderScreenText } from '../../src/compact/screen.js';
import { decodeNote } from '../../src/notes/index.js';
import { filterScreen } from '../../src/term/screen-filter.js';
import { cliArgv } from '../helpers/cli.js';
import { testEnv } from '../helpers/term.js';
import { checkScreen, checkSessionScreen, checkShown, drawnPrompts, type ShownSegment } from './expect.js';
import { pinned, type Client } from './install.js';
import { loadFixture } from './offline.js';
import { fixtureDir, saveFixture } from './record.js';
import { play, type Played } from './scenario.js';
import { scenarios } from './scenarios.js';

const clients = (process.env.AISESS_REAL_CLIENTS ?? 'claude,codex').split(',') as Client[];
const only = process.env.AISESS_REAL_SCENARIOS?.split(',');
const versionOf = (c: Client) => process.env[`AISESS_REAL_${c.toUpperCase()}_VERSION`] ?? pinned[c].version;
const timings: string[] = [];
after(() => console.log(`# live timings\n${timings.join('\n')}`));

for (const client of clients) {
  for (const s of scenarios(client).filter((x) => !only || only.includes(x.name))) {
    describe(`${client}@${versionOf(client)} ${s.name}`, { timeout: 300_000 }, () => {
      let p: Played | undefined;
      let failed: Error | undefined;
      const cli = (args: string[]) => {
        const [file, argv] = cliArgv(args);
        return spawnSync(file, argv, { cwd: p!.world.repo, env: testEnv(p!.world.env), timeout: 60_000 });
      };
      before(async () => {
        try {
          p = await play(s, versionOf(client));
          const dir = await saveFixture(p.world, p.expectation);
          timings.push(`${client} ${s.name}: ${p.ms} ms → ${dir}`);
        } catch (err) {
          failed = err as Error;
        }
      });
      after(async () => p && (await p.world.cleanup()));

      it('ran to the end: every commit got its note', () => {
        assert.ifError(failed);
        assert.deepEqual(p!.problems, []);
      });

      it('show --json of each commit: its turns\' prompts, answers, tool calls, files, model, tokens, agent session, resume', () => {
        assert.ifError(failed);
        const bad = p!.expectation.commits.flatMap((c) => {
          const r = cli(['show', c.id, '--json']);
          if (r.status !== 0) return [`show ${c.id}: ${r.stderr}`];
          return checkShown(p!.expectation, c, JSON.parse(r.stdout.toString()).segments as ShownSegment[]);
        });
        assert.deepEqual(bad, []);
      });

      it('the screen text of each commit holds its turns\' prompts', () => {
        assert.ifError(failed);
        const bad = p!.expectation.commits.flatMap((c) => {
          const r = cli(['show', c.id, '--json']);
          if (r.status !== 0) return [`show ${c.id}: ${r.stderr}`];
          const segs = JSON.parse(r.stdout.toString()).segments as ShownSegment[];
          return checkScreen(`${client} ${s.name} ${c.files.join('+')}`, segs.map((x) => x.text).join('\n'), drawnPrompts(p!.expectation.turns, c.prompts));
        });
        assert.deepEqual(bad, []);
      });

      it('each session\'s whole stream, rendered as one screen text, holds the prompt of every turn it drew', async () => {
        assert.ifError(failed);
        const bad: string[] = [];
        for (const [i, j] of loadFixture(fixtureDir(p!.expectation)).journals.entries()) {
          const stream = j.events.filter((x) => x.code === 'o' || x.code === 'r').map((x) => [x.time, x.code, x.data] as const);
          const { text } = await renderScreenText(stream, j.header.term);
          bad.push(...checkSessionScreen(`journal ${i}`, p!.expectation.turns, stream.map((x) => (x[1] === 'o' ? x[2] : '')).join(''), text));
        }
        assert.deepEqual(bad, []);
      });

      it('replay of each note equals its recorded stream minus the dropped OSC sequences', () => {
        assert.ifError(failed);
        const journals = journalOutputs(p!);
        for (const c of p!.expectation.commits) {
          const note = spawnSync('git', ['notes', '--ref=aisess', 'show', c.id], { cwd: p!.world.repo, encoding: 'utf8' }).stdout;
          const { records } = decodeNote(note);
          const outs = records
            .map((r) => ({ start: (r.body as { segment: { start: number } }).segment.start, out: decodeStream(r.body).filter((e) => e[1] === 'o').map((e) => e[2]).join('') }))
            .sort((a, b) => a.start - b.start);
          for (const o of outs) assert.ok(journals.some((j) => j.includes(o.out)), `${c.files.join('+')}: a note's stream (${o.out.length} chars) is not a run of a journal's stream minus OSC`);
          const r = cli(['replay', c.id, '--instant']);
          assert.equal(r.status, 0, r.stderr.toString());
          assert.equal(r.stdout.toString('utf8'), outs.map((o) => o.out).join(''));
        }
      });

      if (s.actions.some((a) => 'pipe' in a)) {
        it('the piped run printed the answer on stdout', () => {
          assert.ifError(failed);
          for (const out of p!.piped) assert.match(out, /DONE-PIPED/);
        });
      }
    });
  }
}

/** Each saved journal's output, OSC-filtered as the note keeps it. */
function journalOutputs(p: Played): string[] {
  return loadFixture(fixtureDir(p.expectation)).journals.map((j) => filterScreen(j.events.filter((e) => e.code === 'o').map((e) => e.data)).join(''));
}
