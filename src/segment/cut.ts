/**
 * Where a session is cut into segments. Pluggable: today a segment ends with each working-tree
 * change; agent adapters will add a cut before each prompt (a turn boundary).
 */
import { AisessCode, type JournalEvent } from '../journal/events.js';
import { parseWorktreeData } from './worktree-data.js';

/** 'after': the event closes the current segment; 'before': it opens a new one; null: no cut. */
export type CutRule = (event: JournalEvent) => 'before' | 'after' | null;

/** A change ends the span that led to it, so the prompt and the agent's work stay with the change. */
export const cutAtWorktreeChange: CutRule = (event) =>
  event.code === AisessCode.worktree && !parseWorktreeData(event.data).baseline ? 'after' : null;

/** Combines rules: the first one with an opinion wins. */
export function cutRules(...rules: CutRule[]): CutRule {
  return (event) => {
    for (const rule of rules) {
      const cut = rule(event);
      if (cut) return cut;
    }
    return null;
  };
}
