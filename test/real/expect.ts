/**
 * What a scenario expects, saved as expect.json next to its fixture, and the checks both the live
 * suite (against `aisess show --json`) and the fixture replay (against parsers and segmenter) make.
 * Checks collect failures rather than stop at the first, so one report names everything that is off.
 */
import type { Client } from './install.js';
import type { Step, Turn } from './script.js';

export interface ToolExpect {
  name: string;
  files: string[];
}

export interface TurnExpect {
  prompt: string;
  answer: string;
  tools: ToolExpect[];
  /** Which agent session ran it (the scenario's name for it: 'a', 'b'…). */
  session: string;
  /** The prompt was a command-line argument (`claude -p …`): the agent never draws it. */
  argument?: true;
}

export interface CommitExpect {
  id: string;
  files: string[];
  /** Prompts of exactly the turns this commit's note must hold, in order. */
  prompts: string[];
}

export interface Expectation {
  scenario: string;
  client: Client;
  version: string;
  model: string;
  turns: TurnExpect[];
  commits: CommitExpect[];
  /** Agent session id per scenario session name, as the transcript files name them. */
  agentSessions: Record<string, string>;
}

/** A turn's expected tool calls: Claude calls Write once per file; Codex one apply_patch per response. */
export function turnExpect(client: Client, turn: Turn, session: string, subagents: readonly Turn[] = []): TurnExpect {
  // A subagent's tool calls belong to the turn that started it.
  const sub = (s: Step) => ('task' in s ? subagents.filter((t) => t.prompt === s.task.prompt).flatMap((t) => t.steps) : []);
  const tools = turn.steps.flatMap((s) => [...toolsOf(client, s), ...sub(s).flatMap((x) => toolsOf(client, x))]);
  const last = turn.steps.at(-1)!;
  return { prompt: turn.prompt, answer: 'say' in last ? last.say : '', tools, session };
}

function toolsOf(client: Client, step: Step): ToolExpect[] {
  if ('write' in step) {
    const files = Object.keys(step.write);
    return client === 'claude' ? files.map((f) => ({ name: 'Write', files: [f] })) : [{ name: 'apply_patch', files }];
  }
  if ('run' in step) return [{ name: client === 'claude' ? 'Bash' : 'exec_command', files: [] }];
  if ('task' in step) return [{ name: 'Agent', files: [] }];
  return [];
}

export function resumeCommand(client: Client, id: string): string {
  return client === 'claude' ? `claude --resume ${id}` : `codex resume ${id}`;
}

/** The fields of `show --json` a commit is checked on (src/history/show-json.ts). */
export interface ShownSegment {
  agent: string;
  model: string | null;
  prompts: string[];
  answers: string[];
  toolCalls: { name: string; args: Record<string, string> }[];
  files: { path: string }[];
  tokens: { input: number; output: number; total: number };
  agentSession: { id: string; resume: string } | null;
  resume: string | null;
  text: string;
}

/** Failures of one commit's `show --json` against the expectation (empty: conforms). */
export function checkShown(e: Expectation, c: CommitExpect, segments: readonly ShownSegment[]): string[] {
  const bad: string[] = [];
  const at = `${e.client} ${e.scenario} commit ${c.files.join('+')}`;
  const prompts = segments.flatMap((s) => s.prompts);
  if (JSON.stringify(prompts) !== JSON.stringify(c.prompts)) bad.push(`${at}: prompts ${JSON.stringify(prompts)}, expected ${JSON.stringify(c.prompts)}`);
  const turns = e.turns.filter((t) => c.prompts.includes(t.prompt));
  const answers = segments.flatMap((s) => s.answers);
  for (const t of turns) if (!answers.includes(t.answer)) bad.push(`${at}: answer ${JSON.stringify(t.answer)} missing (has ${JSON.stringify(answers)})`);
  const calls = segments.flatMap((s) => s.toolCalls);
  for (const tool of turns.flatMap((t) => t.tools)) {
    const hit = calls.some((call) => call.name === tool.name && tool.files.every((f) => JSON.stringify(call.args).includes(f)));
    if (!hit) bad.push(`${at}: tool call ${tool.name}(${tool.files.join(', ')}) missing (has ${JSON.stringify(calls.map((x) => [x.name, x.args]))})`);
  }
  const files = new Set(segments.flatMap((s) => s.files.map((f) => f.path)));
  for (const f of c.files) if (!files.has(f)) bad.push(`${at}: file ${f} not among the segments' files ${JSON.stringify([...files])}`);
  for (const s of segments) {
    if (s.agent !== e.client) bad.push(`${at}: agent ${s.agent}`);
    if (s.model !== e.model) bad.push(`${at}: model ${s.model}, expected ${e.model}`);
  }
  if (!segments.some((s) => s.tokens.output > 0 && s.tokens.input > 0)) bad.push(`${at}: no tokens counted`);
  const ids = new Set(turns.map((t) => e.agentSessions[t.session]));
  for (const s of segments) {
    if (!s.agentSession) { bad.push(`${at}: a segment has no agent session`); continue; }
    if (!ids.has(s.agentSession.id)) bad.push(`${at}: agent session ${s.agentSession.id}, expected one of ${JSON.stringify([...ids])}`);
    if (s.resume !== resumeCommand(e.client, s.agentSession.id)) bad.push(`${at}: resume ${JSON.stringify(s.resume)}`);
  }
  if (!segments.length) bad.push(`${at}: no segments`);
  return bad;
}

/** Failures of screen text against the prompts it must hold. */
export function checkScreen(label: string, text: string, prompts: readonly string[]): string[] {
  const flat = text.replace(/\s+/g, ' ');
  return prompts.filter((p) => !flat.includes(p)).map((p) => `${label}: screen text lacks prompt ${JSON.stringify(p)}`);
}

/**
 * A whole session's stream rendered as one screen text: every turn whose answer the session drew
 * must have its prompt there too (a segment can span a whole session; Codex redraws its alternate
 * screen, so rows that leave it must still be kept).
 */
export function checkSessionScreen(label: string, turns: readonly TurnExpect[], raw: string, text: string): string[] {
  return checkScreen(label, text, turns.filter((t) => !t.argument && t.answer && raw.includes(t.answer)).map((t) => t.prompt));
}

/** The prompts of a commit that were on screen: those not given as an argument. */
export function drawnPrompts(turns: readonly TurnExpect[], prompts: readonly string[]): string[] {
  return prompts.filter((p) => !turns.some((t) => t.prompt === p && t.argument));
}
