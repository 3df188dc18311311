/**
 * Pure: Claude Code transcript lines in conversation order. Claude Code 2.1.197 writes a fast first
 * response's assistant lines before the prompt's user line (REAL-CLIENTS.md section 6), and its
 * timestamps disagree with the chain by a millisecond (an attachment stamped before its parent
 * prompt), so the `parentUuid` → `uuid` chain decides and timestamps only break ties. A line whose
 * parent was not seen yet is held until the parent comes, or until it has waited `holdMs` (a parent
 * that never comes: a resumed file, a line lost to a crash), and at the end. A uuid seen once yields
 * nothing again (`/compact` and resumes re-append history with the original uuids). Lines without a
 * uuid (file-history-snapshot, last-prompt, ai-title, garbage) pass at once. Never throws.
 *
 * Subagents write their own file (claude-files.ts), so two more links keep them inside the turn:
 * a subagent's first line waits for the parent's Agent tool call (`link` names it), and the parent's
 * tool result that carries the subagent's `agentId` waits until the caller has read that subagent's
 * file (`settle(agentId)`): Claude writes the result only once the subagent is finished.
 */
import { lineTime, obj, parseLineObject, str, type Json } from './compact.js';
import type { LineOrder } from './types.js';

interface Ready {
  line: string;
  uuid: string;
  /** tool_use ids in the line: a subagent started by one of them may follow it. */
  tools: string[];
}

interface Held extends Ready {
  parent: string;
  time: number;
  /** When it was pushed (the caller's clock), for the hold limit. */
  since: number;
  arrival: number;
}

export const HOLD_MS = 2000;
const agentDone = (agentId: string) => `agent-done:${agentId}`;
const toolKey = (toolUseId: string) => `tool:${toolUseId}`;

function toolIds(value: Json): string[] {
  const content = obj(value.message)?.content;
  if (!Array.isArray(content)) return [];
  return content.flatMap((b) => (obj(b)?.type === 'tool_use' && str(obj(b)?.id) ? [str(obj(b)?.id) as string] : []));
}

export function claudeLineOrder(holdMs: number = HOLD_MS): LineOrder {
  const seen = new Set<string>();
  const held = new Map<string, Held>();
  const children = new Map<string, Set<string>>();
  const links = new Map<string, string>();
  let arrivals = 0;

  const byTime = (a: Held, b: Held) => a.time - b.time || a.arrival - b.arrival;
  const unhold = (h: Held) => {
    held.delete(h.uuid);
    children.get(h.parent)?.delete(h.uuid);
  };
  // Emits a line (or only a key) and, depth first, every held line that was waiting for it.
  const release = (first: Ready | string, out: string[]) => {
    const stack: Array<Ready | string> = [first];
    while (stack.length) {
      const next = stack.pop() as Ready | string;
      const keys = typeof next === 'string' ? [next] : [next.uuid, ...next.tools.map(toolKey)];
      if (typeof next !== 'string') out.push(next.line);
      const waiting: Held[] = [];
      for (const key of keys) {
        seen.add(key);
        for (const u of children.get(key) ?? []) waiting.push(held.get(u) as Held);
        children.delete(key);
      }
      for (const h of waiting.sort(byTime).reverse()) {
        held.delete(h.uuid);
        stack.push(h);
      }
    }
    return out;
  };
  const releaseAll = (list: Held[]) => {
    const out: string[] = [];
    for (const h of list.sort(byTime)) {
      if (!held.has(h.uuid)) continue; // freed by an earlier one of this list
      unhold(h);
      release(h, out);
    }
    return out;
  };
  /** What a line waits for: its parent, its subagent's end, or its subagent's starting call. */
  const waitsFor = (value: Json, uuid: string): string | undefined => {
    const parent = str(value.parentUuid);
    const agent = str(obj(value.toolUseResult)?.agentId);
    if (agent && value.isSidechain !== true && !seen.has(agentDone(agent))) return agentDone(agent);
    const start = value.isSidechain === true && parent === undefined ? links.get(str(value.agentId) ?? '') : undefined;
    const key = parent ?? (start && toolKey(start));
    return key === undefined || key === uuid || seen.has(key) ? undefined : key;
  };

  return {
    know: (uuid) => void seen.add(uuid),
    link: (agentId, toolUseId) => void links.set(agentId, toolUseId),
    push(line, now) {
      const value = parseLineObject(line);
      const uuid = value ? str(value.uuid) : undefined;
      if (!value || !uuid) return [line];
      if (seen.has(uuid) || held.has(uuid)) return [];
      const ready: Ready = { line, uuid, tools: toolIds(value) };
      const key = waitsFor(value, uuid);
      if (key === undefined) return release(ready, []);
      held.set(uuid, { ...ready, parent: key, time: lineTime(value) ?? now, since: now, arrival: arrivals++ });
      const set = children.get(key) ?? new Set<string>();
      set.add(uuid);
      children.set(key, set);
      return [];
    },
    settle: (agentId) => release(agentDone(agentId), []),
    awaiting: () => [...held.values()].flatMap((h) => (h.parent.startsWith('agent-done:') ? [h.parent.slice('agent-done:'.length)] : [])),
    expire: (now) => releaseAll([...held.values()].filter((h) => now - h.since >= holdMs)),
    drain: () => releaseAll([...held.values()]),
    held: () => held.size,
  };
}
