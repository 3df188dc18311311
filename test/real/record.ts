/**
 * Saves what a live run produced under fixtures/real/<client>@<version>/<scenario>/: the agent's
 * transcripts (paths relative to its home, the temp project dir named `project`), each aisess
 * journal as JSON lines (header, then [time, code, data] with absolute times: the raw terminal
 * stream with its timing plus the journalled agent and worktree events), and expect.json.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { readJournal } from '../../src/journal/reader.js';
import { locateStore } from '../../src/store/locate.js';
import { journalPath, listSessions } from '../../src/store/sessions.js';
import { fixturesDir } from '../helpers/cli.js';
import { testEnv } from '../helpers/term.js';
import type { Expectation } from './expect.js';
import { transcripts } from './scenario.js';
import type { World } from './world.js';

export function fixtureDir(e: Pick<Expectation, 'client' | 'version' | 'scenario'>): string {
  return join(fixturesDir, 'real', `${e.client}@${e.version}`, e.scenario);
}

export async function saveFixture(w: World, e: Expectation): Promise<string> {
  const dir = fixtureDir(e);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const root = join(w.agentHome, w.client === 'claude' ? 'projects' : 'sessions');
  for (const file of transcripts(w)) {
    const rel = relative(root, file).replace(/^-[^/]*aisess-repo-[^/]*/, 'project');
    const out = join(dir, 'transcripts', rel);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, readFileSync(file));
  }
  const store = await locateStore(w.repo, testEnv(w.env));
  const sessions = (await listSessions(store)).sort((a, b) => a.id.localeCompare(b.id));
  mkdirSync(join(dir, 'journals'), { recursive: true });
  for (const [i, meta] of sessions.entries()) {
    const { header, events } = await readJournal(journalPath(store, meta));
    const lines = [JSON.stringify(header), ...events.map((ev) => JSON.stringify([ev.time, ev.code, ev.data]))];
    writeFileSync(join(dir, 'journals', `${i}.jsonl`), `${lines.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'expect.json'), `${JSON.stringify({ ...e, repo: w.repo, home: w.home }, null, 2)}\n`);
  return dir;
}
