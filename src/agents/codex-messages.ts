/**
 * Prompts and answers of a Codex rollout, each once whichever copies a version writes (see
 * codex-echo.ts), with a turn start before every prompt: a prompt typed while a turn runs (0.169
 * steers it into that turn, no task_started) still opens a turn of its own for the segmenter.
 */
import { firstCopy, isInjected } from './codex-echo.js';
import { obj, str } from './compact.js';
import type { CodexState } from './codex-state.js';
import type { AgentEvent } from './types.js';

export function promptEvents(text: string | undefined, source: string, state: CodexState): AgentEvent[] {
  if (!text?.trim() || isInjected(text) || !firstCopy(state.echoes, 'prompt', source, text)) return [];
  const events: AgentEvent[] = state.startPending ? [] : [{ kind: 'turn', edge: 'start' }];
  state.startPending = false;
  events.push({ kind: 'prompt', text });
  return events;
}

export function answerEvents(text: string | undefined, source: string, state: CodexState): AgentEvent[] {
  if (!text?.trim() || !firstCopy(state.echoes, 'answer', source, text)) return [];
  return [{ kind: 'answer', text }];
}

/** The text parts of a message's content (`input_text`, `output_text`, 0.169's `text` / `Text`). */
export function textOf(content: unknown, types: ReadonlySet<string>): string {
  if (!Array.isArray(content)) return '';
  return content.map(obj).filter((c) => types.has(str(c?.type) ?? '')).map((c) => str(c?.text) ?? '').join('\n').trim();
}
