/**
 * Pure: Claude Code transcript lines in conversation order. Claude Code 2.1.197 writes a fast first
 * response's assistant lines before the prompt's user line (REAL-CLIENTS.md section 6), and its
 * timestamps disagree with the chain by a millisecond (an attachment stamped before its parent
 * prompt), so the `parentUuid` → `uuid` chain decides and timestamps only break ties. A line whose
 * parent was not seen yet is held until the parent comes, or until it has waited `holdMs` (a parent
 * that never comes: a resumed file, a line lost to a crash), and at the end. A uuid seen once yields
 * nothing again (`/compact` and resumes re-append history with the original uuids). Lines without a
 * uuid (file-history-snapshot, last-prompt, ai-title, garbage) pass at once. Never throws.
 */
import { lineTime, parseObject, str } from './compact.js';

interface Held {
  line: string;
  uuid: string;
  parent: string;
  time: number;
  /** When it was pushed (the caller's clock), for the hold limit. */
  since: number;
  arrival: number;
}

export interface LineOrder {
  /** A uuid already in the file before the recording's offset: its children need not wait. */
  know(uuid: string): void;
  /** The lines now ready, in order (possibly none, possibly several held ones after this one). */
  push(line: string, now: number): string[];
  /** Held lines that waited `holdMs` or longer, in timestamp order, with what they free. */
  expire(now: number): string[];
  /** Everything still held, in timestamp order: the end of the transcript. */
  drain(): string[];
  /** How many lines wait for a parent. */
  held(): number;
}

export const HOLD_MS = 2000;

export function claudeLineOrder(holdMs: number = HOLD_MS): LineOrder {
  const seen = new Set<string>();
  const held = new Map<string, Held>();
  const children = new Map<string, Set<string>>();
  let arrivals = 0;

  const byTime = (a: Held, b: Held) => a.time - b.time || a.arrival - b.arrival;
  const unhold = (h: Held) => {
    held.delete(h.uuid);
    children.get(h.parent)?.delete(h.uuid);
  };
  // Emits a line and, depth first, every held line that was waiting for it.
  const release = (line: string, uuid: string, out: string[]) => {
    const stack: Array<{ line: string; uuid: string }> = [{ line, uuid }];
    while (stack.length) {
      const next = stack.pop() as { line: string; uuid: string };
      seen.add(next.uuid);
      out.push(next.line);
      const waiting = [...(children.get(next.uuid) ?? [])].map((u) => held.get(u) as Held).sort(byTime);
      children.delete(next.uuid);
      for (const h of waiting.reverse()) {
        held.delete(h.uuid);
        stack.push(h);
      }
    }
  };
  const releaseAll = (list: Held[]) => {
    const out: string[] = [];
    for (const h of list.sort(byTime)) {
      if (!held.has(h.uuid)) continue; // freed by an earlier one of this list
      unhold(h);
      release(h.line, h.uuid, out);
    }
    return out;
  };

  return {
    know: (uuid) => void seen.add(uuid),
    push(line, now) {
      const value = parseObject(line);
      const uuid = value ? str(value.uuid) : undefined;
      if (!value || !uuid) return [line];
      if (seen.has(uuid) || held.has(uuid)) return [];
      const parent = str(value.parentUuid);
      if (parent === undefined || parent === uuid || seen.has(parent)) {
        const out: string[] = [];
        release(line, uuid, out);
        return out;
      }
      held.set(uuid, { line, uuid, parent, time: lineTime(value) ?? now, since: now, arrival: arrivals++ });
      const set = children.get(parent) ?? new Set<string>();
      set.add(uuid);
      children.set(parent, set);
      return [];
    },
    expire: (now) => releaseAll([...held.values()].filter((h) => now - h.since >= holdMs)),
    drain: () => releaseAll([...held.values()]),
    held: () => held.size,
  };
}
