/**
 * Shared helpers for parsers: safe JSON parsing, compact tool arguments, and capping the giant
 * strings (file contents, command output) that make raw transcript lines heavy.
 */

export type Json = Record<string, unknown>;

export function parseObject(line: string): Json | null {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

/**
 * parseObject for whole transcript lines, remembering the last line read: each line goes through
 * the order buffer, the parser, the compactor and (on an edit) the edit reader in turn, and a line
 * holding a tool's result can be megabytes, parsed on the pty's thread. The object is shared by
 * every caller that reads the same line: none may change it.
 */
export function parseLineObject(line: string): Json | null {
  if (line !== lastLine) {
    lastValue = parseObject(line);
    lastLine = line;
  }
  return lastValue;
}

let lastLine: string | undefined;
let lastValue: Json | null = null;

export function obj(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A line's `timestamp` (ISO 8601, both agents write one on every line) as epoch ms. */
export function lineTime(value: Json): number | undefined {
  const ms = typeof value.timestamp === 'string' ? Date.parse(value.timestamp) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The start every parser shares: parse the line, note its time, count garbage and unknown types.
 * Returns the object and its type, or null for a line that is no JSON object.
 */
export function readLine(
  line: string, state: { problems: number; unknown: number; lineTime?: number }, known: ReadonlySet<string>,
): { value: Json; type: string | undefined } | null {
  const value = parseLineObject(line);
  state.lineTime = value ? lineTime(value) : undefined;
  if (!value) {
    state.problems++;
    return null;
  }
  const type = str(value.type);
  if (!type || !known.has(type)) state.unknown++;
  return { value, type };
}

export function truncate(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Only the arguments that say what a tool call was about, each cut short. */
const ARG_KEYS: Record<string, string> = {
  file_path: 'path', path: 'path', notebook_path: 'path', command: 'command', cmd: 'command',
  pattern: 'pattern', url: 'url', query: 'query', description: 'description', workdir: 'workdir',
};

export function compactArgs(input: Json | undefined): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    const name = ARG_KEYS[key];
    if (!name || name in args) continue;
    const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(' ') : str(value);
    if (text) args[name] = truncate(text);
  }
  return args;
}

/**
 * Deeper than this a value is replaced by a marker: JSON.parse reads any depth, but this copy and
 * JSON.stringify recurse, and a line nested 10 000 deep exhausted the stack (the tail then lost the
 * lines after it).
 */
export const MAX_LINE_DEPTH = 256;

/** A copy with every string longer than `max` cut, saying how much was dropped. */
export function capStrings(value: unknown, max: number, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length <= max ? value : `${value.slice(0, max)}…[aisess: ${value.length - max} chars dropped]`;
  }
  if (value !== null && typeof value === 'object' && depth >= MAX_LINE_DEPTH) return '[aisess: nested too deep]';
  if (Array.isArray(value)) return value.map((v) => capStrings(v, max, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, capStrings(v, max, depth + 1)]));
  }
  return value;
}

export function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
