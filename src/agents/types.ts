/**
 * The adapter contract: one module per agent (claude, codex) plus the generic one. An adapter
 * plans the launch (prepare) and, once the agent runs, follows its transcript into AgentEvents.
 */

import type { AgentEvent } from '../journal/event-data.js';

/** Adapters produce the journal's agent events (their codec: src/journal/event-data.ts). */
export type { AgentEvent };

/** A pure, per-agent transcript parser: one line in, zero or more events out. */
export interface TranscriptParser<S = unknown> {
  init(): S;
  /** Never throws: garbage and malformed lines bump `problems` on the state and yield nothing. */
  parseLine(line: string, state: S): AgentEvent[];
  /** The line as kept in the segment payload, or null to drop it (e.g. a thinking-only line). */
  compact(line: string, opts: CompactOptions): string | null;
}

/**
 * Puts an agent's transcript lines in conversation order before they are parsed, and drops repeats
 * (src/agents/claude-order.ts). Pure: the follower feeds it lines and the clock.
 */
export interface LineOrder {
  /** A line id already in the file before the recording's offset: its children need not wait. */
  know(uuid: string): void;
  /** The subagent `agentId` was started by the tool call `toolUseId`. */
  link(agentId: string, toolUseId: string): void;
  /** The lines now ready, in order (possibly none, possibly several held ones after this one). */
  push(line: string, now: number): string[];
  /** The subagent's file was read to its end: what waited for it (its parent's result), in order. */
  settle(agentId: string): string[];
  /** Subagents whose parent's result waits for their file to be read. */
  awaiting(): string[];
  /** Held lines that waited long enough, in timestamp order, with what they free. */
  expire(now: number): string[];
  /** Everything still held, in timestamp order: the end of the transcript. */
  drain(): string[];
  /** How many lines wait. */
  held(): number;
}

export interface ParseCounters {
  /** Lines that were not JSON objects (malformed, truncated, binary). */
  problems: number;
  /** Lines of a type this parser does not know (newer versions add types often: not a problem). */
  unknown: number;
  /** When the last parsed line says it was written (its `timestamp`, epoch ms); undefined when it does not say. */
  lineTime?: number;
}

export interface CompactOptions {
  keepThinking: boolean;
  /** Longest string kept inside a line; longer ones are cut with a marker. */
  maxString: number;
}

export type Env = Record<string, string | undefined>;

export interface AgentContext {
  /** The command as the user typed it; argv[0] is the agent's name. */
  argv: string[];
  cwd: string;
  env: Env;
  /** Unix epoch milliseconds. */
  startedAt: number;
  /** The aisess store directory (claims of concurrent sessions live there). */
  storeDir: string;
  /** The aisess session id claiming transcripts. */
  sessionId: string;
}

export interface FollowIO {
  /** `at`: when the transcript line says the event happened (epoch ms), when it says. */
  emit(event: AgentEvent, at?: number): void;
  /** Called at most once per session. */
  warn(message: string): void;
  keepThinking: boolean;
  /** Poll interval in ms (tests shorten it). */
  pollMs?: number;
  /** The agent's pid once spawned: lets a finder tell its transcript from a concurrent session's. */
  agentPid(): number | undefined;
}

export interface Follower {
  /** Reads what the transcript holds now (as a poll would, at once) and emits it. Never rejects. */
  sync(): Promise<void>;
  /** Reads what is left, emits it, releases claims. Never rejects. */
  stop(): Promise<void>;
  /** The transcript file once known. */
  file(): string | undefined;
}

export interface Prepared {
  /** The argv to spawn (argv[0] unchanged); only additions that pin down the transcript. */
  argv: string[];
  env: Env;
  follow(io: FollowIO): Follower;
}

export interface Adapter {
  name: string;
  matches(command: string): boolean;
  /** Must run before the agent is spawned: it snapshots what already exists. */
  prepare(ctx: AgentContext): Prepared;
}
