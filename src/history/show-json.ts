/**
 * Pure: a shown commit → the JSON `aisess show --json` prints. Field names are a contract with
 * tools: documented in docs/show-json.md; add fields, never rename or drop one.
 */
import type { DroppedStream } from '../compact/budget.js';
import { digestAgent, type AgentSessionRef, type Item, type Tokens, type ToolCall } from './agent-view.js';
import { shownFiles, type Numstat, type ShownFile } from './files.js';
import { segmentText } from './screen-text.js';
import type { ReboundView, RequestRef, SegmentView } from './segment-view.js';
import type { ShownCommit } from './show.js';

export interface SegmentDetail {
  id: string;
  session: string | null;
  agent: string;
  model: string | null;
  models: string[];
  argv: string[];
  /** The directory the session ran in. */
  cwd: string | null;
  start: string;
  startMs: number;
  durationMs: number;
  title: string;
  /** The agent's own session: what `resume` resumes. */
  agentSession: AgentSessionRef | null;
  resume: string | null;
  prompts: string[];
  /** The prompt of the turn this segment continues, when it holds none of its own. */
  continues: string | null;
  answers: string[];
  toolCalls: Omit<ToolCall, 'time' | 'id'>[];
  /** Prompts, answers and tool calls in the order they happened (thinking only when it was kept). */
  items: ({ time: number; type: 'prompt' | 'answer' | 'thinking'; text: string } | ({ time: number; type: 'tool' } & Omit<ToolCall, 'time' | 'id'>))[];
  files: ShownFile[];
  paths: SegmentView['paths'];
  tokens: Tokens & { total: number };
  term: SegmentView['term'];
  boundAt: number | null;
  boundBy: string | null;
  /** The part of the terminal stream the note budget left out, or null. */
  dropped: DroppedStream | null;
  /** Where the record came from when found on a rewritten commit (`aisess rebind`, or `via` a request at read time), or null. */
  rebound: ReboundView | null;
  /** The terminal text as a person saw it. */
  text: string;
  /** `import`: the segment came from the agent's own transcript (`aisess import`), with no terminal recorded; null for a recording. */
  source: 'import' | null;
}

export interface ShowJson {
  commit: string;
  /** True when the segments were rebuilt from the local journal (`--unredacted`). */
  unredacted: boolean;
  segments: SegmentDetail[];
  problems: ShownCommit['problems'];
  /** Set when the commit carries no records of its own and they were found through its pull/merge request's head. */
  via: RequestRef | null;
}

export function segmentDetail(view: SegmentView, numstat: ReadonlyMap<string, Numstat | null>): SegmentDetail {
  const d = digestAgent(view.events, view.lead ?? []);
  const texts = (type: Item['type']) => d.items.flatMap((i) => (i.type === type && 'text' in i ? [i.text] : []));
  const model = d.models[0] ?? view.model ?? null;
  return {
    id: view.id, session: view.session, agent: view.agent, model, models: d.models.length ? d.models : model ? [model] : [], argv: view.argv, cwd: view.cwd ?? null,
    start: new Date(view.start).toISOString(), startMs: view.start, durationMs: view.durationMs, title: view.title,
    agentSession: d.session, resume: d.session?.resume ?? null,
    prompts: texts('prompt'), continues: d.continues, answers: texts('answer'),
    toolCalls: d.items.flatMap((i) => (i.type === 'tool' ? [callFields(i.call)] : [])),
    items: d.items.map((i) => (i.type === 'tool' ? { time: i.time, type: 'tool' as const, ...callFields(i.call) } : i)),
    files: shownFiles(view.paths, d.edits, numstat, view.cwd ?? null),
    paths: view.paths,
    tokens: { ...d.tokens, total: d.tokens.input + d.tokens.output + d.tokens.cacheRead + d.tokens.cacheWrite },
    term: view.term, boundAt: view.boundAt, boundBy: view.boundBy, dropped: view.dropped ?? null, rebound: view.rebound ?? null,
    text: segmentText(view),
    source: view.source ?? null,
  };
}

export function showJson(shown: ShownCommit, unredacted = false): ShowJson {
  return { commit: shown.commit, unredacted, segments: shown.segments.map((s) => segmentDetail(s, shown.numstat)), problems: shown.problems, via: shown.via ?? null };
}

function callFields(c: ToolCall): Omit<ToolCall, 'time' | 'id'> {
  return { name: c.name, args: c.args, ok: c.ok, exitCode: c.exitCode };
}
