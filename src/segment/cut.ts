/**
 * Where a session is cut into segments. Pluggable: a segment ends with each working-tree change,
 * and a prompt (an agent turn boundary) opens a new one, so a commit gets the turns behind it.
 */
import { AisessCode, type JournalEvent } from '../journal/events.js';
import { agentKind, worktreeData } from '../journal/event-data.js';

/** 'after': the event closes the current segment; 'before': it opens a new one; null: no cut. */
export type CutRule = (event: JournalEvent) => 'before' | 'after' | null;

/** A change ends the span that led to it, so the prompt and the agent's work stay with the change. */
export const cutAtWorktreeChange: CutRule = (event) =>
  event.code === AisessCode.worktree && !worktreeData(event)?.baseline ? 'after' : null;

/** A prompt starts a turn: what came before it belongs to the previous turn. */
export const cutBeforePrompt: CutRule = (event) => (agentKind(event) === 'prompt' ? 'before' : null);

/** What the binder and attach use. */
export const defaultCut: CutRule = (event) => cutBeforePrompt(event) ?? cutAtWorktreeChange(event);

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
