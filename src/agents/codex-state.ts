/** What the Codex parser carries from one rollout line to the next (src/agents/codex-parse.ts). */
import type { Echoes } from './codex-echo.js';
import type { ParseCounters } from './types.js';

export interface Call {
  name: string;
  command?: string;
  patch?: string;
}

export interface CodexState extends ParseCounters {
  sessionId?: string;
  /** The session's directory (session_meta): file changes inside it are shown relative. */
  cwd?: string;
  model?: string;
  turnStartedAt?: number;
  /** A turn start was emitted and no prompt has followed it yet. */
  startPending: boolean;
  calls: Map<string, Call>;
  /** Call ids an item_completed already spoke for. */
  itemCalls: Set<string>;
  /** Copies of this turn's prompts and answers seen so far, by source. */
  echoes: Echoes;
  total: { input: number; cached: number; output: number };
}
