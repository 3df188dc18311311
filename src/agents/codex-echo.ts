/**
 * Pure: which of Codex's several copies of one message to keep. Versions write a prompt as
 * `event_msg user_message` (to 0.16x) or `item_completed UserMessage` (0.169), an answer as
 * `agent_message` / `AgentMessage` and also as a `response_item`; a message is kept at its first
 * copy. Counting per source (not a set of texts) keeps an answer the model really gave twice.
 */

export type Echoes = Map<string, Map<string, number>>;

/** True when this copy is the first of its message: no other source has written it as often yet. */
export function firstCopy(echoes: Echoes, kind: string, source: string, text: string): boolean {
  const key = `${kind}\0${text.replace(/\s+/g, '')}`;
  const counts = echoes.get(key) ?? new Map<string, number>();
  echoes.set(key, counts);
  const mine = (counts.get(source) ?? 0) + 1;
  counts.set(source, mine);
  let others = 0;
  for (const [s, n] of counts) if (s !== source) others = Math.max(others, n);
  return mine > others;
}

// Codex feeds the model its context as user messages (codex-rs event_mapping: is_contextual_user_message).
const INJECTED = [
  '<environment_context>', '<user_instructions>', '<turn_aborted>', '<skills_instructions>', '<skill>',
  '<user_shell_command>', '<subagent_notification>', '<permissions instructions>', '<collaboration_mode>',
  '<apps_instructions>', '<personality_spec>', '<realtime_conversation>', '# AGENTS.md instructions for ',
];

/** Context Codex injects as a user message: never a prompt. */
export function isInjected(text: string): boolean {
  const t = text.trimStart();
  return INJECTED.some((prefix) => t.startsWith(prefix));
}
