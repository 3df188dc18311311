/**
 * Every git config key aisess reads, in one place: its name, what it means, its default and how a
 * value is read. Read once (`git config --list -z`), validated: a value aisess cannot read is a
 * problem naming the key, the value and what is expected, never a silent fallback. Callers decide
 * what a problem means to them: the binder records a failed bind (nothing is dropped), `status`
 * lists it, a reader of notes refuses to guess a limit.
 */
import { UserError } from '../errors/user-error.js';
import { parseByteSize } from '../git/byte-size.js';
import { readConfig, type ConfigSnapshot } from '../git/config-snapshot.js';
import { GitNotInstalledError } from '../git/errors.js';
import type { GitRunner } from '../git/runner.js';

export const DEFAULT_EXPIRY_MS = 14 * 86_400_000;
/** Largest note line for one record (zstd + z85), under hosting limits and git's comfortable blob sizes. */
export const DEFAULT_NOTE_BUDGET = 256 * 1024;
/** Well above any real record: the note budget keeps a segment's note to 256 KiB compressed by default. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 ** 2;
/** aisess's notes ref; never refs/notes/commits, which belongs to the user. */
export const DEFAULT_NOTES_REF = 'refs/notes/aisess';
/** A note past this many bytes is named by `aisess sync` (hosts refuse big blobs: GitHub warns at 50 MB). */
export const DEFAULT_NOTE_WARN_BYTES = 1024 ** 2;
/** A warm binder costs about 50 MB while it waits; ten idle minutes cover a run of commits. */
export const DEFAULT_WARM_BINDER_MS = 10 * 60_000;

export interface AisessConfig {
  /** aisess.pendingExpiry: how long a recorded change waits for a commit (ms, Infinity: never). */
  pendingExpiryMs: number;
  /** aisess.noteBudget: largest note line for one record, bytes (Infinity: off). */
  noteBudget: number;
  /** aisess.maxRecordBytes: most bytes one record of a note may decompress to. */
  maxRecordBytes: number;
  /** aisess.autoInit: `aisess run` installs the hooks once when they are missing. */
  autoInit: boolean;
  /** aisess.keepThinking: keep the agent's thinking blocks in notes. */
  keepThinking: boolean;
  /** aisess.redact.pattern: extra secret regexes (sources). */
  redactPatterns: string[];
  /** aisess.redact.allow: regexes of hit texts that are not secrets. */
  redactAllow: string[];
  /** aisess.notesRef: the notes ref aisess writes and reads. */
  notesRef: string;
  /** aisess.pushRemote: remotes the user allowed `aisess sync` to push notes to (multi-valued). */
  pushRemotes: string[];
  /** aisess.syncRemote: the remote `aisess sync` uses when none is named (null: see docs/sync.md). */
  syncRemote: string | null;
  /** aisess.noteWarnBytes: `aisess sync` warns about a note larger than this (bytes, Infinity: off). */
  noteWarnBytes: number;
  /** aisess.warmBinder: how long a binder stays after its last bind to bind the next commits at once (ms, 0: off). */
  warmBinderMs: number;
  /** user.email: who binds, written into records. */
  userEmail: string | null;
}

export interface ConfigProblem {
  key: string;
  value: string;
  expected: string;
}

export class ConfigError extends UserError {
  constructor(readonly problem: ConfigProblem) {
    super(`git config ${problem.key} is '${problem.value}': expected ${problem.expected}`, {
      kind: 'badData',
      hint: `fix it with \`git config ${problem.key} <value>\` or remove it with \`git config --unset-all ${problem.key}\``,
    });
    this.name = 'ConfigError';
  }
}

interface Reader<T> {
  key: string;
  expected: string;
  fallback: T;
  /** The value read, or undefined when it cannot be. */
  read(value: string): T | undefined;
}

const boolean = (key: string, fallback: boolean): Reader<boolean> => ({
  key, expected: 'true or false', fallback,
  read: (v) => (/^(true|yes|on|1)$/i.test(v.trim()) ? true : /^(false|no|off|0)$/i.test(v.trim()) ? false : undefined),
});

const READERS = {
  pendingExpiryMs: { key: 'aisess.pendingExpiry', expected: 'a duration such as "14 days", "36h", "2.weeks", or "never"', fallback: DEFAULT_EXPIRY_MS, read: (v) => parseExpiry(v) ?? undefined },
  noteBudget: { key: 'aisess.noteBudget', expected: 'a size in bytes with an optional k/m/g suffix, or "off"', fallback: DEFAULT_NOTE_BUDGET, read: parseNoteBudget },
  maxRecordBytes: {
    key: 'aisess.maxRecordBytes', expected: 'a positive size in bytes with an optional k/m/g suffix', fallback: DEFAULT_MAX_RECORD_BYTES,
    read: (v) => {
      const bytes = parseByteSize(v);
      return bytes !== null && bytes > 0 ? bytes : undefined;
    },
  },
  autoInit: boolean('aisess.autoInit', true),
  keepThinking: boolean('aisess.keepThinking', false),
  notesRef: { key: 'aisess.notesRef', expected: 'a ref under refs/notes/, e.g. refs/notes/aisess', fallback: DEFAULT_NOTES_REF, read: expandNotesRef },
  syncRemote: { key: 'aisess.syncRemote', expected: 'the name of a git remote', fallback: null, read: (v) => (isRemoteName(v.trim()) ? v.trim() : undefined) },
  noteWarnBytes: { key: 'aisess.noteWarnBytes', expected: 'a size in bytes with an optional k/m/g suffix, or "off"', fallback: DEFAULT_NOTE_WARN_BYTES, read: parseNoteBudget },
  warmBinderMs: { key: 'aisess.warmBinder', expected: 'a duration such as "10m", "90s" or "1h", or "off"', fallback: DEFAULT_WARM_BINDER_MS, read: parseWarmBinder },
} satisfies { [K in keyof AisessConfig]?: Reader<AisessConfig[K]> };

const PATTERN_KEYS = { redactPatterns: 'aisess.redact.pattern', redactAllow: 'aisess.redact.allow' } as const;
const PUSH_REMOTE_KEY = 'aisess.pushRemote';

/** Pure: a config snapshot → aisess's settings, each unreadable value a problem (and its default meanwhile). */
export function parseAisessConfig(snapshot: ConfigSnapshot): { config: AisessConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const single = <T>(r: Reader<T>): T => {
    const value = snapshot.get(r.key);
    if (value === null || value.trim() === '') return r.fallback;
    const read = r.read(value);
    if (read !== undefined) return read;
    problems.push({ key: r.key, value, expected: r.expected });
    return r.fallback;
  };
  const patterns = (key: string): string[] => {
    const values = snapshot.getAll(key);
    for (const value of values) if (!isRegExp(value)) problems.push({ key, value, expected: 'a JavaScript regular expression' });
    return values.filter(isRegExp);
  };
  const remotes = (key: string): string[] => {
    // A blank value is unset, as for single keys; a problem names the value as the user wrote it.
    const values = snapshot.getAll(key).filter((v) => v.trim() !== '');
    for (const value of values) if (!isRemoteName(value.trim())) problems.push({ key, value, expected: 'the name of a git remote' });
    return [...new Set(values.map((v) => v.trim()).filter(isRemoteName))];
  };
  const config: AisessConfig = {
    pendingExpiryMs: single(READERS.pendingExpiryMs),
    noteBudget: single(READERS.noteBudget),
    maxRecordBytes: single(READERS.maxRecordBytes),
    autoInit: single(READERS.autoInit),
    keepThinking: single(READERS.keepThinking),
    notesRef: single(READERS.notesRef),
    redactPatterns: patterns(PATTERN_KEYS.redactPatterns),
    redactAllow: patterns(PATTERN_KEYS.redactAllow),
    pushRemotes: remotes(PUSH_REMOTE_KEY),
    syncRemote: single(READERS.syncRemote),
    noteWarnBytes: single(READERS.noteWarnBytes),
    warmBinderMs: single(READERS.warmBinderMs),
    userEmail: snapshot.get('user.email'),
  };
  return { config, problems };
}

const cache = new WeakMap<GitRunner, Promise<{ config: AisessConfig; problems: ConfigProblem[] }>>();

/** One `git config --list -z` per runner (a Repo's), parsed and checked. */
export function readAisessConfig(git: GitRunner): Promise<{ config: AisessConfig; problems: ConfigProblem[] }> {
  let read = cache.get(git);
  if (!read) cache.set(git, (read = readConfig(git).then(parseAisessConfig)));
  return read;
}

export const AUTO_INIT_KEY = READERS.autoInit.key;

/**
 * Turns `aisess run`'s install of the hooks off or on for this repository (its local config), as
 * `aisess init --undo` and `aisess init` do. On: the local value goes, or, when the global or
 * system config says false, becomes true. Returns whether the effective setting was off before.
 */
export async function setAutoInit(git: GitRunner, on: boolean): Promise<{ wasOff: boolean }> {
  const wasOff = !(await effectiveAutoInit(git));
  if (on && !wasOff) return { wasOff };
  if (on) {
    // Exit 5: there was no local value, which is what is wanted.
    await git.run(['config', '--local', '--unset-all', AUTO_INIT_KEY], { okCodes: [5] });
    if (!(await effectiveAutoInit(git))) await git.run(['config', '--local', AUTO_INIT_KEY, 'true']);
  } else {
    await git.run(['config', '--local', AUTO_INIT_KEY, 'false']);
  }
  cache.delete(git);
  return { wasOff };
}

/** Which config file says autoInit is off ('local': this repository; null when it is on). */
export async function autoInitOffScope(git: GitRunner): Promise<string | null> {
  // The settings already read (an unreadable value counts as on, as for `aisess run`).
  if ((await readAisessConfig(git)).config.autoInit) return null;
  const out = await git.run(['config', '--show-scope', '--get', AUTO_INIT_KEY], { okCodes: [1, 129] });
  return out.exitCode === 0 ? (out.stdout.split('\t')[0] ?? 'unknown') : 'unknown';
}

async function effectiveAutoInit(git: GitRunner): Promise<boolean> {
  const out = await git.run(['config', '--get', AUTO_INIT_KEY], { okCodes: [1] });
  return out.exitCode === 1 || (READERS.autoInit.read(out.stdout) ?? true);
}

/** The settings, or a ConfigError for the first of `keys` whose value cannot be read. */
export async function requireConfig(git: GitRunner, keys: readonly (keyof AisessConfig)[]): Promise<AisessConfig> {
  const { config, problems } = await readAisessConfig(git);
  const wanted = new Set<string>(keys.map(keyOf));
  const problem = problems.find((p) => wanted.has(p.key));
  if (problem) throw new ConfigError(problem);
  return config;
}

/**
 * aisess.agent: more agent names for `aisess shell-init`, from the user's global config only (it
 * runs at shell start-up, outside any repository). Each value as written; none when git is missing.
 */
export async function readGlobalAgentValues(git: GitRunner): Promise<string[]> {
  try {
    const r = await git.run(['config', '--global', '--get-all', 'aisess.agent'], { okCodes: [1] });
    return r.exitCode === 0 ? r.stdout.split('\n').filter((v) => v !== '') : [];
  } catch (err) {
    if (err instanceof GitNotInstalledError) return [];
    throw err;
  }
}

function keyOf(field: keyof AisessConfig): string {
  if (field === 'userEmail') return 'user.email';
  if (field === 'redactPatterns' || field === 'redactAllow') return PATTERN_KEYS[field];
  if (field === 'pushRemotes') return PUSH_REMOTE_KEY;
  return READERS[field].key;
}

const UNITS: Record<string, number> = {
  s: 1000, sec: 1000, second: 1000,
  m: 60_000, min: 60_000, minute: 60_000,
  h: 3_600_000, hour: 3_600_000,
  d: 86_400_000, day: 86_400_000,
  w: 604_800_000, week: 604_800_000,
};

/** "14 days", "2.weeks", "36h", "never" (a bare number means days) → ms, Infinity for never, null when unreadable. */
export function parseExpiry(value: string): number | null {
  const text = value.trim().toLowerCase();
  if (text === 'never' || text === 'false' || text === 'off') return Infinity;
  const m = /^(\d+(?:\.\d+)?)\s*[. ]?\s*([a-z]*)$/.exec(text);
  if (!m) return null;
  const unit = m[2] || 'd';
  const factor = UNITS[unit] ?? UNITS[unit.replace(/s$/, '')];
  return factor === undefined ? null : Number(m[1]) * factor;
}

/** "10m", "90s", "1h" → ms; "off", "false", "0" → 0; a bare number means seconds; at most a day. */
export function parseWarmBinder(value: string): number | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'off' || text === 'false' || text === 'no' || text === '0') return 0;
  const ms = parseExpiry(/^\d+(\.\d+)?$/.test(text) ? `${text}s` : text);
  return ms !== null && Number.isFinite(ms) && ms <= UNITS.d! ? ms : undefined;
}

/** Bytes with an optional k/m/g suffix (as git's own sizes); 0, "off" or "none" mean no budget. */
export function parseNoteBudget(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'off' || v === 'none') return Infinity;
  const bytes = parseByteSize(v);
  if (bytes === null) return undefined;
  return bytes === 0 ? Infinity : bytes;
}

/** Expands like git's expand_notes_ref: `x` and `notes/x` mean `refs/notes/x`; undefined when not a valid ref. */
export function expandNotesRef(value: string): string | undefined {
  const v = value.trim();
  const ref = v.startsWith('refs/notes/') ? v : v.startsWith('notes/') ? `refs/${v}` : `refs/notes/${v}`;
  if (!/^refs\/notes\/[A-Za-z0-9._/-]+$/.test(ref) || ref.includes('..') || ref.endsWith('/') || ref.endsWith('.lock')) return undefined;
  return ref;
}

/**
 * A remote name aisess accepts: what `git remote add` takes in practice, and safe inside a ref
 * name (the tracking ref is refs/notes/remotes/<name>/…) and a config key (remote.<name>.fetch).
 */
export function isRemoteName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name) && !name.includes('..') && !name.endsWith('.lock') && !name.endsWith('.');
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'g');
    return true;
  } catch {
    return false;
  }
}
