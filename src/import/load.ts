/** The sessions to import: read, in this repository, started within the window, their edits as repository paths. */
import { basename } from 'node:path';
import { claimedLive } from '../agents/claims.js';
import { plainOf } from '../agents/rollout-zst.js';
import { firstLineCwd } from '../agents/rollouts.js';
import type { Env } from '../agents/types.js';
import { repoPath, rootOf } from './paths.js';
import type { SessionEdit } from './plan.js';
import { importSessionId } from './records.js';
import type { ImportReport } from './report.js';
import { readSession, type AgentSessionRead } from './session-read.js';
import { readSessionLines, sessionFiles, type ImportAgent } from './sources.js';

const VALID_ID = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,100}$/;

export interface Loaded {
  read: AgentSessionRead;
  file: string;
  edits: SessionEdit[];
}

export async function loadSessions(o: { env: Env; agents: readonly ImportAgent[]; storeDir: string }, roots: readonly string[], since: number, keepThinking: boolean, report: ImportReport): Promise<Loaded[]> {
  const seen = new Set<string>();
  const loaded: Loaded[] = [];
  for (const f of sessionFiles(o.env, o.agents, roots, since)) {
    // Rollouts of every directory share one folder: the first line says whose it is, before the rest is read.
    const head = f.agent === 'codex' ? await firstLineCwd(f.file) : undefined;
    if (typeof head === 'string' && !rootOf(head, roots)) continue;
    // An `aisess run` recording this session now binds it itself, terminal and all (src/agents/claims.ts).
    if (await claimedLive(o.storeDir, f.agent, basename(plainOf(f.file), '.jsonl'))) {
      report.recording.push({ agent: f.agent, file: f.file });
      continue;
    }
    const lines = readSessionLines(f);
    const read = lines ? readSession(lines, keepThinking) : null;
    if (!read) {
      report.unreadable.push({ file: f.file, reason: lines ? 'no session id or time in it' : 'cannot be read' });
      continue;
    }
    const root = read.cwd ? rootOf(read.cwd, roots) : null;
    if (!root || !read.cwd || read.startedAt < since || seen.has(importSessionId(read))) continue;
    if (!VALID_ID.test(read.id)) {
      report.unreadable.push({ file: f.file, reason: 'its session id cannot name a record' });
      continue;
    }
    seen.add(importSessionId(read));
    const cwd = read.cwd;
    const edits = read.turns.flatMap((t) => t.edits.flatMap(({ at, edit }): SessionEdit[] => {
      const path = repoPath(edit.path, cwd, root);
      return path ? [{ turn: t.index, path, at, edit }] : [];
    }));
    loaded.push({ read, file: f.file, edits });
    report.sessions.push({ agent: read.agent, id: read.id, file: f.file, cwd: read.cwd, startedAt: read.startedAt, turns: read.turns.length, problems: read.problems });
  }
  // The earliest session first: of a session and its fork, the original keeps the turns they share.
  return loaded.sort((a, b) => a.read.startedAt - b.read.startedAt || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

