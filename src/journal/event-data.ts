/**
 * The typed codec of aisess's own journal events (`aisess.*` codes): what each kind's data holds,
 * how it is written and how it is read back, from a journal that may be damaged or written by an
 * older version. Nothing else reads event JSON: readers call the decoders here, which never throw
 * (damaged data decodes to null) and never depend on the order of keys. Decoding is memoised per
 * event object, since the segmenter asks for an event's kind many times.
 */
import { AisessCode, type AisessEventCode, type JournalEvent } from './events.js';

/** What `show` needs of an agent's work, kept small and JSON. `kind` is the discriminator. */
export type AgentEvent =
  | { kind: 'session'; agent: string; id: string; resume: string; version?: string }
  | { kind: 'prompt'; text: string }
  | { kind: 'answer'; text: string }
  | { kind: 'thinking'; text: string }
  /** `subagent`: the id of the Claude subagent that made the call for the turn's agent. */
  | { kind: 'tool_call'; id?: string; name: string; args: Record<string, string>; subagent?: string }
  | { kind: 'tool_result'; id?: string; name?: string; ok: boolean; path?: string; exitCode?: number }
  | { kind: 'file_edit'; path: string; change: 'created' | 'edited' | 'deleted'; added: number; removed: number }
  | { kind: 'command'; command: string; exitCode: number | null }
  | { kind: 'model'; name: string }
  /** Token counts of one model call (or the growth since the last count): sum them for a total. */
  | { kind: 'usage'; input: number; output: number; cacheRead?: number; cacheWrite?: number }
  | { kind: 'turn'; edge: 'start' | 'end'; durationMs?: number }
  /** The agent's own transcript line, compacted (thinking dropped unless kept, huge outputs capped). */
  | { kind: 'transcript'; line: string };

export type AgentKind = AgentEvent['kind'];

/**
 * An agent event as journalled. `ago`: seconds before its journal time that it happened (its
 * transcript line's own time), so the segmenter can put it back in its place.
 */
export type AgentData = AgentEvent & { ago?: number };

/** One path of a working-tree change. `before`: what it held before (absent in older journals). */
export interface WorktreePath {
  path: string;
  blob: string | null;
  status: string;
  before?: string | null;
  /** The file's mtime (epoch ms) when it was hashed. */
  mtime?: number;
}

/**
 * A working-tree change. The first one of a session is the `baseline`: what was already dirty when
 * it started (not a change of the session), with the size of the worktree's HEAD reflog then.
 */
export interface WorktreeData {
  paths: WorktreePath[];
  baseline?: true;
  headLog?: number;
  /** Seconds between when the watcher first saw the change and when it was journalled. */
  ago?: number;
}

export interface CommitData {
  commit: string;
  parents: string[];
  tree: string;
  /** refs/heads/… the commit landed on, or 'HEAD' when detached. */
  ref: string;
  /** Worktree whose HEAD moved to it; null when only a branch moved. */
  worktree: string | null;
  /** The tip this commit replaced with the same parents (`git commit --amend`). */
  amendOf?: string;
}

/** The recording was paused (true) or resumed (false). Older journals wrote the epoch ms of the toggle. */
export interface PauseData {
  paused: boolean | number;
}

/** The recording was closed by `aisess` after its owner died. */
export interface RecoveredData {
  reason: string;
  damage?: unknown[];
}

/** The data each aisess event code carries. */
export interface EventDataMap {
  [AisessCode.agent]: AgentData;
  [AisessCode.worktree]: WorktreeData;
  [AisessCode.commit]: CommitData;
  [AisessCode.pause]: PauseData;
  [AisessCode.recovered]: RecoveredData;
}

/** The journal's text for an event's data. */
export function encodeEventData<C extends AisessEventCode>(_code: C, data: EventDataMap[C]): string {
  return JSON.stringify(data) ?? 'null';
}

type Json = Record<string, unknown>;

const parsed = new WeakMap<JournalEvent, Json | null>();
const kinds = new WeakMap<JournalEvent, AgentKind | null>();
/** Bigger data (transcript lines) is parsed again when asked for: a whole journal's copies would double its memory. */
const MEMO_CHARS = 4096;

/** The event's data as a JSON object, or null when it is not one (damaged, or not JSON). */
function objectOf(event: JournalEvent): Json | null {
  const hit = parsed.get(event);
  if (hit !== undefined) return hit;
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch {
    value = null;
  }
  const obj = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
  if (event.data.length <= MEMO_CHARS) parsed.set(event, obj);
  return obj;
}

const AGENT_KINDS = new Set<string>(['session', 'prompt', 'answer', 'thinking', 'tool_call', 'tool_result', 'file_edit', 'command', 'model', 'usage', 'turn', 'transcript']);

/** The kind of an agent event; null for any other event or a damaged one (agentData(event)?.kind, remembered). */
export function agentKind(event: JournalEvent): AgentKind | null {
  if (event.code !== AisessCode.agent) return null;
  const hit = kinds.get(event);
  if (hit !== undefined) return hit;
  const kind = agentData(event)?.kind ?? null;
  kinds.set(event, kind);
  return kind;
}

/** An agent event's data, checked enough that its kind's text fields are strings; null when damaged. */
export function agentData(event: JournalEvent): AgentData | null {
  if (event.code !== AisessCode.agent) return null;
  const obj = objectOf(event);
  if (!obj || typeof obj.kind !== 'string' || !AGENT_KINDS.has(obj.kind)) return null;
  const text = TEXT_FIELD[obj.kind];
  if (text && typeof obj[text] !== 'string') return null;
  return obj as unknown as AgentData;
}

/** The string field each kind must have. */
const TEXT_FIELD: Record<string, string> = { prompt: 'text', answer: 'text', thinking: 'text', model: 'name', transcript: 'line', command: 'command', file_edit: 'path', tool_call: 'name' };

/** A working-tree change, with every path checked; null for any other event or unreadable data. */
export function worktreeData(event: JournalEvent): WorktreeData | null {
  if (event.code !== AisessCode.worktree) return null;
  const obj = objectOf(event);
  if (!obj) return null;
  const paths: WorktreePath[] = [];
  for (const p of Array.isArray(obj.paths) ? obj.paths : []) {
    if (!p || typeof p !== 'object' || typeof p.path !== 'string' || p.path === '') continue;
    const blob = blobOf(p.blob);
    paths.push({
      path: p.path,
      blob,
      status: typeof p.status === 'string' ? p.status : blob === null ? 'deleted' : 'modified',
      ...('before' in p && { before: blobOf(p.before) }),
      ...(typeof p.mtime === 'number' && Number.isFinite(p.mtime) && { mtime: p.mtime }),
    });
  }
  // `initial` is what the first journals called the baseline.
  const baseline = obj.baseline === true || obj.initial === true;
  return {
    paths,
    ...(baseline && { baseline: true as const }),
    ...(typeof obj.headLog === 'number' && obj.headLog >= 0 && { headLog: obj.headLog }),
    ...(finite(obj.ago) && { ago: obj.ago as number }),
  };
}

/** A commit seen while recording; null for any other event or unreadable data. */
export function commitData(event: JournalEvent): CommitData | null {
  if (event.code !== AisessCode.commit) return null;
  const obj = objectOf(event);
  if (!obj || typeof obj.commit !== 'string' || typeof obj.tree !== 'string' || typeof obj.ref !== 'string') return null;
  const parents = Array.isArray(obj.parents) ? obj.parents.filter((p): p is string => typeof p === 'string') : [];
  return {
    commit: obj.commit,
    parents,
    tree: obj.tree,
    ref: obj.ref,
    worktree: typeof obj.worktree === 'string' ? obj.worktree : null,
    ...(typeof obj.amendOf === 'string' && { amendOf: obj.amendOf }),
  };
}

export function pauseData(event: JournalEvent): PauseData | null {
  if (event.code !== AisessCode.pause) return null;
  const paused = objectOf(event)?.paused;
  return typeof paused === 'boolean' || finite(paused) ? { paused: paused as boolean | number } : null;
}

export function recoveredData(event: JournalEvent): RecoveredData | null {
  if (event.code !== AisessCode.recovered) return null;
  const obj = objectOf(event);
  if (!obj || typeof obj.reason !== 'string') return null;
  return { reason: obj.reason, ...(Array.isArray(obj.damage) && { damage: obj.damage }) };
}

/** `ago` of an agent event or a working-tree change, in seconds; undefined when it has none. */
export function eventAgo(event: JournalEvent): number | undefined {
  if (event.code !== AisessCode.agent && event.code !== AisessCode.worktree) return undefined;
  const ago = objectOf(event)?.ago;
  return finite(ago) ? (ago as number) : undefined;
}

/** The same worktree event holding only `keep` of its paths (the rest of its data unchanged). */
export function withPaths(event: JournalEvent, keep: ReadonlySet<string>): JournalEvent {
  const obj = objectOf(event);
  if (!obj || !Array.isArray(obj.paths)) return event;
  const paths = obj.paths.filter((p: unknown) => typeof p === 'object' && p !== null && keep.has((p as { path?: unknown }).path as string));
  return { ...event, data: JSON.stringify({ ...obj, paths }) };
}

function blobOf(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function finite(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}
