/**
 * Claude Code's files around a transcript, as 2.1.197 writes them:
 * - subagents (the Agent/Task tool): `<projects>/<slug>/<session-id>/subagents/agent-<agentId>.jsonl`
 *   (lines with isSidechain true and the parent's sessionId; a `.meta.json` beside names the tool_use);
 * - the per-process session registry `<config>/sessions/<pid>.json`
 *   (`{pid, sessionId, cwd, startedAt, kind: "interactive", …}`), rewritten when a resume or picker
 *   switches the session and removed when the process exits. `-p` runs write none.
 */
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseObject, str } from './compact.js';
import { listJsonl } from './discover.js';
import type { Env } from './types.js';

export function claudeConfigDir(env: Env): string {
  return env.CLAUDE_CONFIG_DIR || join(env.HOME || homedir(), '.claude');
}

export function subagentFiles(transcript: string): string[] {
  return listJsonl(join(dirname(transcript), basename(transcript, '.jsonl'), 'subagents'), 'agent-');
}

/** A subagent file's id (from its name) and the parent's tool call that started it (its .meta.json). */
export function subagentOf(file: string): { agentId?: string; toolUseId?: string } {
  const agentId = /^agent-(.+)\.jsonl$/.exec(basename(file))?.[1];
  if (!agentId) return {};
  let toolUseId: string | undefined;
  try {
    toolUseId = str(parseObject(readFileSync(file.replace(/\.jsonl$/, '.meta.json'), 'utf8'))?.toolUseId);
  } catch {
    // No meta (yet): the subagent's lines then take their place by the parent's result only.
  }
  return { agentId, ...(toolUseId && { toolUseId }) };
}

/** The session id the Claude process `pid` registered, or undefined (not yet, gone, or not Claude). */
export function registeredSession(configDir: string, pid: number): { sessionId: string; cwd?: string } | undefined {
  let text: string;
  try {
    text = readFileSync(join(configDir, 'sessions', `${pid}.json`), 'utf8');
  } catch {
    return undefined;
  }
  const value = parseObject(text);
  const sessionId = value ? str(value.sessionId) : undefined;
  // A pid reused by another process after Claude exited would have left no file (Claude removes it).
  if (!value || !sessionId || (value.pid !== undefined && value.pid !== pid)) return undefined;
  const cwd = str(value.cwd);
  return { sessionId, ...(cwd && { cwd }) };
}

const UUID_FIELD = /"uuid":"([^"]+)"/;

/** The line uuids in the first `offset` bytes: what a resumed session's transcript already holds. */
export async function uuidsBefore(file: string, offset: number): Promise<string[]> {
  if (offset <= 0) return [];
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const buf = Buffer.alloc(offset);
    const { bytesRead } = await fh.read(buf, 0, offset, 0);
    const ids: string[] = [];
    for (const line of buf.subarray(0, bytesRead).toString('utf8').split('\n')) {
      // A cheap look first: most lines are big, and only the top-level uuid matters.
      if (!UUID_FIELD.test(line)) continue;
      const id = str(parseObject(line)?.uuid);
      if (id) ids.push(id);
    }
    return ids;
  } finally {
    await fh.close();
  }
}
