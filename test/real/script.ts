/**
 * A scenario's model script: what the mock model answers to each prompt. Stateless on purpose:
 * the step of a turn is read from the request (how many tool rounds follow the prompt), so resumed
 * sessions, concurrent sessions and subagents all find their answers without shared state.
 */

export type Step =
  | { say: string }
  /** One model response writing these files at once (paths relative to the session's cwd). */
  | { write: Record<string, string> }
  /** A shell command (Codex exec_command; Claude Bash). */
  | { run: string }
  /** Claude's subagent tool (offered as `Agent` in 2.1.197; it also accepts the old name `Task`): the subagent gets `prompt` as its first message. */
  | { task: { description: string; prompt: string } };

/** prompt text → the model responses of that turn; each response but the last calls tools. */
export type ModelScript = Record<string, Step[]>;

export const DEFAULT_ANSWER = 'OK (the mock has no script for this prompt).';

/** The response for a turn's `round`-th model call (0 = right after the prompt). */
export function stepFor(script: ModelScript, prompt: string | undefined, round: number): Step {
  const steps = prompt === undefined ? undefined : script[prompt.trim()];
  if (!steps) return { say: DEFAULT_ANSWER };
  return steps[Math.min(round, steps.length - 1)]!;
}

export interface Turn {
  prompt: string;
  steps: Step[];
}

export function scriptOf(turns: readonly Turn[]): ModelScript {
  return Object.fromEntries(turns.map((t) => [t.prompt, t.steps]));
}
