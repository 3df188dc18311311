/**
 * A long session of the fake Codex (alternate screen, history redrawn row by row, no synchronized
 * updates) recorded through `aisess run`: the screen text of the journal's stream holds every
 * prompt and every answer line once, in order, although most of them scrolled out of the screen.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renderScreenText, type StreamEvent } from '../../src/compact/screen.js';
import { readJournal } from '../../src/journal/reader.js';
import { findSession, journalPath, listSessions } from '../../src/store/sessions.js';
import { fixturesDir } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { cliInTerminal } from '../helpers/term.js';

const TURNS = 12;
const LINES = 7;
const answer = (t: number) => Array.from({ length: LINES }, (_, l) => `answer ${t} line ${l + 1} of the reply`).join('\n');
const script = Array.from({ length: TURNS }, (_, i) => [{ prompt: `question number ${i + 1}` }, { think: 300 }, { say: answer(i + 1) }]).flat();

describe('screen text of a long fake Codex session', { timeout: 120_000 }, () => {
  let dir: { path: string; cleanup: () => void };
  before(() => { dir = tempDir('aisess-screen-'); });
  after(() => dir.cleanup());

  it(`${TURNS} turns of ${LINES}-line answers on an 80x16 screen: every prompt and answer line once, in order`, async () => {
    const state = join(dir.path, 'state');
    const t = cliInTerminal(['run', 'fake-codex', '--script', JSON.stringify(script), '--speed', '4'], {
      cwd: dir.path, cols: 80, rows: 16, env: { AISESS_STATE_DIR: state, PATH: `${join(fixturesDir, 'bin')}:${process.env.PATH}` },
    });
    assert.deepEqual(await t.exited, { code: 0 });
    const store = { dir: state };
    const [meta] = await listSessions(store);
    assert.ok(meta);
    const journal = await readJournal(journalPath(store, await findSession(store, meta.id)));
    const events = journal.events.filter((e) => e.code === 'o' || e.code === 'r').map((e): StreamEvent => [e.time, e.code, e.data]);
    const { text } = await renderScreenText(events, journal.header.term);
    const seen = [...text.matchAll(/question number (\d+)|answer (\d+) line (\d+)/g)].map((m) => (m[1] ? `Q${m[1]}` : `A${m[2]}.${m[3]}`));
    const expected = Array.from({ length: TURNS }, (_, t) => [`Q${t + 1}`, ...Array.from({ length: LINES }, (_, l) => `A${t + 1}.${l + 1}`)]).flat();
    assert.deepEqual(seen, expected);
  });
});
