/** What `aisess import` did or would do: the report `--json` prints (docs/binding.md). */
import type { TurnBinding, UnboundEdit } from './plan.js';
import type { AgentSessionRead } from './session-read.js';
import type { ImportAgent } from './sources.js';

export interface ImportedSession {
  agent: ImportAgent;
  id: string;
  file: string;
  cwd: string | null;
  startedAt: number;
  turns: number;
  /** Damaged lines skipped. */
  problems: number;
}

export interface ImportBinding {
  commit: string;
  agent: ImportAgent;
  session: string;
  /** 1-based, as people count turns. */
  turn: number;
  record: string;
  prompt: string;
  paths: { path: string; bound: 'full' | 'partial' }[];
  conversation: boolean;
  /** `added`: written now; `present`: already on the commit; `planned`: a dry run's. */
  state: 'added' | 'present' | 'planned';
}

export interface ImportUnbound extends Omit<UnboundEdit, 'turn'> {
  agent: ImportAgent;
  session: string;
  turn: number;
}

export interface ImportReport {
  dryRun: boolean;
  sessions: ImportedSession[];
  bound: ImportBinding[];
  unbound: ImportUnbound[];
  /** Turns a recorded aisess session already bound. */
  recorded: { agent: ImportAgent; session: string; turn: number }[];
  /** Session files a running `aisess run` records now: its own binding takes them. */
  recording: { agent: ImportAgent; file: string }[];
  /** Turns another session file holds too (a forked session's history): imported once, from `of`. */
  copies: { agent: ImportAgent; session: string; turn: number; of: string }[];
  /** Files that could not be read as a session. */
  unreadable: { file: string; reason: string }[];
}

/** One binding as the report lists it: turns counted from 1, the prompt redacted, full paths before partial ones. */
export function bindingEntry(read: AgentSessionRead, b: TurnBinding, record: string, state: ImportBinding['state'], redact: (text: string) => string): ImportBinding {
  const paths = [...b.taken.map((path) => ({ path, bound: 'full' as const })), ...b.partial.map((path) => ({ path, bound: 'partial' as const }))];
  return { commit: b.commit, agent: read.agent, session: read.id, turn: b.turn + 1, record, prompt: redact(read.turns[b.turn]?.prompt ?? ''),
    paths: paths.sort((x, y) => (x.path < y.path ? -1 : 1)), conversation: b.conversation, state };
}

