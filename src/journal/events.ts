/**
 * The session journal's event model: asciicast v3 event codes plus aisess's own kinds.
 * On disk a journal is an asciicast v3 stream (header line, then `[interval, code, data]` lines);
 * in memory every event carries its absolute time in seconds since the session started.
 */

/** asciicast v3 codes: output, input, resize ("COLSxROWS"), marker (label), exit (status). */
export type CastCode = 'o' | 'i' | 'r' | 'm' | 'x';

/** aisess's own kinds, namespaced so asciicast players skip them. Data is JSON (src/journal/event-data.ts). */
export const AisessCode = {
  /** Recording was recovered after aisess died (kill -9, power cut): data {reason}. */
  recovered: 'aisess.recovered',
  /** Recording paused/resumed by the user: data {paused: boolean}. */
  pause: 'aisess.pause',
  /**
   * A working-tree change: data {paths: [{path, blob|null, status}]}; the first one of a session
   * carries `baseline: true` and lists what was already dirty when it started (not its changes).
   */
  worktree: 'aisess.worktree',
  /** A commit was seen while recording: data {commit, parents, tree, ref, worktree, amendOf?}. */
  commit: 'aisess.commit',
  /** A structured agent event (prompt, answer, tool call...): data as the adapter defines. */
  agent: 'aisess.agent',
} as const;
export type AisessEventCode = (typeof AisessCode)[keyof typeof AisessCode];

export type EventCode = CastCode | AisessEventCode;

export interface JournalEvent {
  /** Seconds since the session started (absolute, not the on-disk interval). */
  time: number;
  code: EventCode | (string & {});
  data: string;
}

/** A terminal's size in character cells. */
export interface TermSize {
  cols: number;
  rows: number;
}

/** What aisess knows about a session, stored in the asciicast header under `aisess`. */
export interface SessionInfo {
  /** Journal format version of aisess's own additions (the asciicast version is always 3). */
  format: 1;
  id: string;
  /** Adapter name: 'claude', 'codex' or 'generic'. */
  agent: string;
  /** The command as the user typed it after `aisess run` (argv[0] is the agent name). */
  argv: string[];
  cwd: string;
  pid: number;
  /** Unix epoch milliseconds. */
  startedAt: number;
  /** Whether keyboard input is recorded ('i' events). Off by default. */
  captureInput: boolean;
}

export interface JournalHeader {
  version: 3;
  /** `piped`: the agent's output went through pipes, not a terminal; cols and rows are a stand-in. */
  term: { cols: number; rows: number; type?: string; piped?: true };
  /** Unix epoch seconds (asciicast convention). */
  timestamp: number;
  command?: string;
  title?: string;
  aisess: SessionInfo;
}

/** How a session ended, recorded as the 'x' event and in the session's metadata. */
export type ExitStatus = { code: number } | { signal: string };
