/**
 * Where the agents keep their own sessions, and reading one session's files: Claude's transcripts
 * under `<config>/projects/<escaped cwd>/` (with their subagents' files), Codex's rollouts under
 * `<CODEX_HOME>/sessions/YYYY/MM/DD/` (plain or compressed `.jsonl.zst`). Files untouched since
 * before the window are not opened: a session that started in it was written in it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { claudeProjectDir } from '../agents/claude.js';
import { claudeConfigDir, subagentFiles, subagentOf } from '../agents/claude-files.js';
import { codexSessionsDir } from '../agents/codex.js';
import { listJsonl } from '../agents/discover.js';
import { isCompressed, readCompressed } from '../agents/rollout-zst.js';
import { allRollouts, withoutShadowed } from '../agents/rollouts.js';
import type { Env } from '../agents/types.js';
import type { ImportAgent, SessionLines } from './session-read.js';

export type { ImportAgent };
export const IMPORT_AGENTS: readonly ImportAgent[] = ['claude', 'codex'];

export interface SessionFile {
  agent: ImportAgent;
  file: string;
}

/** Session files of the agents asked for, written at or after `since` (epoch ms), for sessions under these directories. */
export function sessionFiles(env: Env, agents: readonly ImportAgent[], roots: readonly string[], since: number): SessionFile[] {
  const fresh = (file: string) => (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity) >= since;
  const files: SessionFile[] = [];
  if (agents.includes('claude')) for (const file of claudeTranscripts(env, roots)) if (fresh(file)) files.push({ agent: 'claude', file });
  if (agents.includes('codex')) {
    for (const file of withoutShadowed(allRollouts(codexSessionsDir(env)))) if (fresh(file)) files.push({ agent: 'codex', file });
  }
  return files;
}

/**
 * Claude names a project's folder after its cwd with every non-alphanumeric character as '-': a
 * session in a subdirectory of a root has a folder whose name starts with the root's. The name is
 * lossy, so the transcript's own cwd decides later.
 */
function claudeTranscripts(env: Env, roots: readonly string[]): string[] {
  const projects = join(claudeConfigDir(env), 'projects');
  const prefixes = roots.map((r) => basename(claudeProjectDir(env, r)));
  let names: string[];
  try {
    names = readdirSync(projects);
  } catch {
    return [];
  }
  // Claude before 2.1 wrote subagents as `agent-<id>.jsonl` beside the session: they are no session of their own.
  return names.filter((n) => prefixes.some((p) => n === p || n.startsWith(`${p}-`)))
    .flatMap((n) => listJsonl(join(projects, n)).filter((f) => !basename(f).startsWith('agent-')));
}

/** A session's lines (a Claude transcript with its subagents' files); null when the file cannot be read. */
export function readSessionLines(s: SessionFile): SessionLines | null {
  const text = readText(s.file);
  if (text === null) return null;
  if (s.agent === 'codex') return { agent: 'codex', lines: splitJsonl(text) };
  const subagents = subagentFiles(s.file).flatMap((f) => {
    const sub = readText(f);
    return sub === null ? [] : [{ ...subagentOf(f), lines: splitJsonl(sub) }];
  });
  return { agent: 'claude', lines: splitJsonl(text), subagents };
}

function readText(file: string): string | null {
  if (isCompressed(file)) return readCompressed(file)?.toString('utf8') ?? null;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function splitJsonl(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}
