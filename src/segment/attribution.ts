/**
 * Pure: which working-tree changes an agent session made. Two sessions in one working tree both
 * see every change there; a session whose agent transcript is followed keeps a changed path only
 * when its agent wrote that path (a `file_edit` anywhere in the session: the watcher often sees a
 * change before the transcript reports it) or ran a shell command that could have (one started
 * since the previous change, or still running). Sessions without agent events keep every change:
 * the terminal is their only evidence.
 */
import { AisessCode, type JournalEvent } from '../journal/events.js';

interface AgentFacts {
  kind?: unknown;
  id?: unknown;
  path?: unknown;
  args?: { command?: unknown };
}

export function attributeChanges(events: readonly JournalEvent[]): JournalEvent[] {
  const agent = events.filter((e) => e.code === AisessCode.agent).map((e) => parse(e.data) as AgentFacts | null);
  if (!agent.some((a) => a?.kind === 'session')) return [...events];
  const edited = agent.flatMap((a) => (a?.kind === 'file_edit' && typeof a.path === 'string' ? [a.path] : []));
  const out: JournalEvent[] = [];
  const running = new Set<unknown>();
  let shellSince = false;
  for (const e of events) {
    if (e.code === AisessCode.agent) {
      const a = parse(e.data) as AgentFacts | null;
      if (a?.kind === 'command') shellSince = true;
      if (a?.kind === 'tool_call' && typeof a.args?.command === 'string') {
        shellSince = true;
        if (a.id !== undefined) running.add(a.id);
      }
      // Its last writes may reach the watcher only after the result: the next change counts too.
      if (a?.kind === 'tool_result' && running.delete(a.id)) shellSince = true;
      out.push(e);
      continue;
    }
    if (e.code !== AisessCode.worktree) {
      out.push(e);
      continue;
    }
    const kept = keepOwn(e, edited, shellSince || running.size > 0);
    if (kept) out.push(kept);
    if (!isBaseline(e)) shellSince = false;
  }
  return out;
}

/** The event with only the paths this session can claim; null when none is left. */
function keepOwn(e: JournalEvent, edited: readonly string[], anyPath: boolean): JournalEvent | null {
  const data = parse(e.data) as { baseline?: unknown; paths?: unknown } | null;
  if (anyPath || !data || data.baseline === true || !Array.isArray(data.paths)) return e;
  const paths = data.paths.filter((p: { path?: unknown } | null) => typeof p?.path === 'string' && edited.some((x) => samePath(x, p.path as string)));
  if (paths.length === data.paths.length) return e;
  return paths.length ? { ...e, data: JSON.stringify({ ...data, paths }) } : null;
}

/** Agents report absolute paths or paths relative to their cwd; the watcher, relative to the top level. */
export function samePath(agentPath: string, treePath: string): boolean {
  return agentPath === treePath || agentPath.endsWith(`/${treePath}`) || treePath.endsWith(`/${agentPath.replace(/^\.\//, '')}`);
}

function isBaseline(e: JournalEvent): boolean {
  return (parse(e.data) as { baseline?: unknown } | null)?.baseline === true;
}

function parse(data: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(data);
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
