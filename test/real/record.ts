/**
 * Saves what a live run produced under fixtures/real/<client>@<version>/<scenario>/: the agent's
 * transcripts (paths relative to its home, the temp project dir named `project`), each aisess
 * journal as JSON lines (header, then [time, code, data] with absolute times: the raw terminal
 * stream with its timing plus the journalled agent and worktree events), and expect.json.
 * Strings longer than ELIDE_OVER in transcript lines (the vendors' system prompts and instructions,
 * Claude 2.1.332's copies of whole API requests) are cut: they are not ours to commit, and nothing
 * the suite checks lives in them.
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
    writeFileSync(out, file.endsWith('.meta.json') ? readFileSync(file) : elideLines(readFileSync(file, 'utf8')));
  }
  const store = await locateStore(w.repo, testEnv(w.env));
  const sessions = (await listSessions(store)).sort((a, b) => a.id.localeCompare(b.id));
  mkdirSync(join(dir, 'journals'), { recursive: true });
  for (const [i, meta] of sessions.entries()) {
    const { header, events } = await readJournal(journalPath(store, meta));
    const lines = [JSON.stringify(header), ...events.map((ev) => JSON.stringify([ev.time, ev.code, ev.code === 'aisess.agent' ? elideAgentEvent(ev.data) : ev.data]))];
    writeFileSync(join(dir, 'journals', `${i}.jsonl`), `${lines.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'expect.json'), `${JSON.stringify({ ...e, repo: w.repo, home: w.home }, null, 2)}\n`);
  return dir;
}

const ELIDE_OVER = 2000;

function elide(value: unknown): unknown {
  if (typeof value === 'string') return value.length > ELIDE_OVER ? `<${value.length} chars elided by the fixture recorder>` : value;
  if (Array.isArray(value)) return value.map(elide);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, elide(v)]));
  return value;
}

/** Each JSON line with its long strings cut; a line that is not JSON is kept as it is. */
export function elideLines(text: string): string {
  return text.split('\n').map((line) => {
    try {
      return line === '' ? line : JSON.stringify(elide(JSON.parse(line)));
    } catch {
      return line;
    }
  }).join('\n');
}

function elideAgentEvent(data: string): string {
  try {
    const e = JSON.parse(data) as { kind?: string; line?: string };
    return e.kind === 'transcript' && typeof e.line === 'string' ? JSON.stringify({ ...e, line: elideLines(e.line) }) : data;
  } catch {
    return data;
  }
}
