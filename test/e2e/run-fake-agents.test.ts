import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readJournal } from '../../src/journal/reader.js';
import { findSession, journalPath, listSessions } from '../../src/store/sessions.js';
import { fixturesDir } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { cliInTerminal } from '../helpers/term.js';

describe('aisess run with the fake agents', { timeout: 120_000 }, () => {
  let dir: { path: string; cleanup: () => void };
  before(() => { dir = tempDir('aisess-fake-'); });
  after(() => dir.cleanup());

  for (const agent of ['fake-claude', 'fake-codex']) {
    it(`${agent}: draws its TUI, quits on Ctrl-D, keeps its exit code, records every byte under the agent's name`, async () => {
      const state = join(dir.path, `state-${agent}`);
      const t = cliInTerminal(['run', agent, '--exit-code', '3'], {
        cwd: dir.path, env: { AISESS_STATE_DIR: state, PATH: `${join(fixturesDir, 'bin')}:${process.env.PATH}` },
      });
      await t.waitFor(/\x1b\[/);
      t.write('\x04');
      assert.deepEqual(await t.exited, { code: 3 });
      const store = { dir: state };
      const [meta] = await listSessions(store);
      assert.ok(meta, 'a session was recorded');
      const journal = await readJournal(journalPath(store, await findSession(store, meta.id)));
      assert.equal(journal.header.aisess.agent, agent);
      assert.deepEqual(journal.header.aisess.argv, [agent, '--exit-code', '3']);
      assert.equal(journal.events.filter((e) => e.code === 'o').map((e) => e.data).join(''), t.output());
    });
  }
});
