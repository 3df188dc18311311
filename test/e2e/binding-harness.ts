/**
 * Shared by the binding-*.test.ts scenario tables: agents and terminal programs that are killed when
 * their test ends (pass or fail: a pty left running keeps a test file from ever ending), and the
 * table every scenario asserts: for each commit involved, the exact records that name paths
 * (`S:<segment> path:label…`), which conversation records it may carry, what its records' text must
 * and must not say; then what `aisess status --json` still lists.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { Step } from '../../fixtures/lib/script.mjs';
import {
  eventually, notesOn, pendingIn, runAgent, runProgram, setup, sh, type BoundSegment, type PendingEntry, type Sandbox,
} from '../helpers/scenario.js';
import { writeTree } from '../helpers/git.js';
import type { OuterTerminal } from '../helpers/term.js';

/** An agent playing the script in a pty, disposed when the test ends. */
export function agent(t: TestContext, sb: Sandbox, cwd: string, script: Step[], name = 'claude'): OuterTerminal {
  const term = runAgent(sb, cwd, script, name);
  t.after(() => term.dispose());
  return term;
}

/** `aisess run -- argv` (terminal only), disposed when the test ends. */
export function program(t: TestContext, sb: Sandbox, cwd: string, argv: string[]): OuterTerminal {
  const term = runProgram(sb, cwd, argv);
  t.after(() => term.dispose());
  return term;
}

/** Plays the script to its end (plus a moment for the last scan); the session has ended when this returns. */
export async function session(t: TestContext, sb: Sandbox, cwd: string, script: Step[], name = 'claude'): Promise<string> {
  const term = agent(t, sb, cwd, [...script, { wait: 1500 }], name);
  assert.deepEqual(await term.exited, { code: 0 }, term.output());
  return term.output();
}

/** Types a last prompt to an agent waiting at `waitPrompt` and waits for it to exit cleanly. */
export async function quit(term: OuterTerminal): Promise<void> {
  term.write('bye\r');
  assert.deepEqual(await term.exited, { code: 0 });
}

/** Ten numbered lines: room for hunks far apart in one file. */
export const tenLines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}\n`).join('');

/** tenLines with some lines replaced: { 2: 'two' } → line 2 reads "two". */
export function edited(changes: Record<number, string>): string {
  return tenLines.split('\n').slice(0, 10).map((l, i) => `${changes[i + 1] ?? l}\n`).join('');
}

/** The sessions' segments that wait, as `label:index:path`, sorted; the session id → label map grows as ids are met. */
export class Labels {
  private readonly names = new Map<string, string>();
  constructor(private readonly prefix = 'S') {}
  /** Names a session explicitly (e.g. 'A', 'B'). */
  set(session: string, label: string): void {
    this.names.set(session, label);
  }
  of = (session: string): string => {
    let l = this.names.get(session);
    if (!l) this.names.set(session, (l = this.names.size === 0 ? this.prefix : `${this.prefix}${this.names.size + 1}`));
    return l;
  };
}

/** Each waiting path's segment index (several when the path changed in several segments), from status. */
export function segmentsOf(entries: readonly PendingEntry[]): (path: string, session?: string) => number[] {
  return (path, session) => entries
    .filter((e) => session === undefined || e.session === session)
    .flatMap((e) => e.segments.filter((s) => s.paths.some((p) => p.path === path)).map((s) => s.index))
    .sort((a, b) => a - b);
}

/** Waits until status lists exactly these paths as waiting (over all sessions); returns the entries. */
export async function waitPending(sb: Sandbox, repo: string, paths: readonly string[], timeoutMs = 20_000): Promise<PendingEntry[]> {
  const names = (e: readonly PendingEntry[]) => [...new Set(e.flatMap((s) => s.segments.flatMap((g) => g.paths.map((p) => p.path))))].sort();
  const want = [...paths].sort();
  const entries = await eventually(() => pendingIn(sb, repo), (e) => isDeepStrictEqual(names(e), want), timeoutMs, repo);
  assert.deepEqual(names(entries), want, `waiting: ${JSON.stringify(entries)}`);
  return entries;
}

/** What status still lists, as `label:index:path`, sorted. */
export async function waiting(sb: Sandbox, repo: string, labels: Labels): Promise<string[]> {
  const entries = await pendingIn(sb, repo);
  return entries.flatMap((e) => e.segments.flatMap((s) => s.paths.map((p) => `${labels.of(e.session)}:${s.index}:${p.path}`))).sort();
}

export interface Want {
  /** The records that name paths, exactly: `label:index path:label…` (paths sorted). */
  changed: string[];
  /**
   * Conversation records (no paths) may only be of segments strictly between these two indices:
   * the bound turns' own talk and the talk-only turns before them. Default: none at all.
   */
  talk?: [number, number];
  /** Patterns the records' text must show (e.g. the answer after the change) … */
  says?: RegExp[];
  /** … and must not (another turn's prompt or answer). */
  never?: RegExp[];
}

interface Got {
  changed: string[];
  /** Conversation records outside the allowed range. */
  strayTalk: number[];
  missing: string[];
  unwanted: string[];
}

function judge(notes: readonly BoundSegment[], want: Want, labels: Labels): Got {
  const [lo, hi] = want.talk ?? [Infinity, -Infinity];
  const text = notes.map((n) => n.text).join('\n');
  return {
    changed: notes.filter((n) => n.paths.length > 0).map((n) => `${labels.of(n.session)}:${n.index} ${n.paths.join(' ')}`).sort(),
    strayTalk: notes.filter((n) => n.paths.length === 0 && !(n.index > lo && n.index < hi)).map((n) => n.index),
    missing: (want.says ?? []).filter((p) => !p.test(text)).map(String),
    unwanted: (want.never ?? []).filter((p) => p.test(text)).map(String),
  };
}

const expected = (want: Want): Got => ({ changed: [...want.changed].sort(), strayTalk: [], missing: [], unwanted: [] });

/**
 * The scenario table: waits (bounded) until every commit carries what it should, then asserts the
 * whole table at once, so a failure shows every commit's records side by side. Also checks that a
 * record id names one content everywhere it appears (same paths, same text).
 */
export async function assertRecords(sb: Sandbox, repo: string, labels: Labels, table: Record<string, Want>, timeoutMs = 20_000): Promise<Record<string, BoundSegment[]>> {
  const revs = Object.keys(table);
  const want = Object.fromEntries(revs.map((r) => [r, expected(table[r]!)]));
  let notes: Record<string, BoundSegment[]> = {};
  const read = async () => {
    notes = Object.fromEntries(await Promise.all(revs.map(async (r) => [r, await notesOn(sb, repo, r)] as const)));
    return Object.fromEntries(revs.map((r) => [r, judge(notes[r]!, table[r]!, labels)]));
  };
  const got = await eventually(read, (g) => isDeepStrictEqual(g, want), timeoutMs, repo);
  if (!isDeepStrictEqual(got, want)) {
    const shown = JSON.stringify(Object.fromEntries(revs.map((r) => [r, notes[r]!.map((n) => ({ ...n, text: n.text.slice(0, 400) }))])), null, 1);
    assert.deepEqual(got, want, `records on each commit:\n${shown}\n${bindingState(repo)}`);
  }
  sameContentPerId(Object.values(notes).flat());
  return notes;
}

/** What the binders left in the store, for a failure's message: the hook log, the pending marks, the ledgers. */
function bindingState(repo: string): string {
  const store = join(repo, '.git', 'aisess');
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '(none)';
    }
  };
  const files = (dir: string): string[] => {
    try {
      return readdirSync(join(store, dir)).map((f) => `${dir}/${f}: ${read(join(store, dir, f)).slice(0, 1000)}`);
    } catch {
      return [`${dir}: (none)`];
    }
  };
  return [`hook.log:\n${read(join(store, 'hook.log'))}`, ...files('pending'), ...files('ledger'), ...files('warm')].join('\n');
}

/** An id never names two contents: every copy of a record has the same paths (labels aside) and text. */
export function sameContentPerId(records: readonly BoundSegment[]): void {
  const seen = new Map<string, { paths: string; text: string }>();
  for (const r of records) {
    const id = `${r.session}:${r.index}`;
    const content = { paths: r.paths.map((p) => p.slice(0, p.lastIndexOf(':'))).join('\n'), text: r.text };
    const before = seen.get(id);
    if (before) assert.deepEqual(content, before, `record ${id} names two contents`);
    else seen.set(id, content);
  }
}

/** One turn per file: prompt, write, answer `ANSWER-<n>`, and a pause so the next prompt opens a new turn. */
export const turns = (files: string[]): Step[] => files.flatMap((f, i): Step[] => [
  { prompt: `turn ${i + 1}: write ${f}` }, { write: { path: f, content: `${f} by the agent\n` } }, { say: `ANSWER-${i + 1} wrote ${f}.` },
  ...(i < files.length - 1 ? [{ wait: 1200 }] : []),
]);

/** Stages exactly this content for path (what `git add -p` of some hunks would stage). */
export async function stage(sb: Sandbox, repo: string, path: string, content: string): Promise<void> {
  const file = join(sb.home, `stage-${Date.now()}`);
  writeFileSync(file, content);
  const blob = await sh(sb, repo, ['hash-object', '-w', `--path=${path}`, file]);
  await sh(sb, repo, ['update-index', '--cacheinfo', `100644,${blob},${path}`]);
}

/**
 * A hunk the user wrote before the session (line 2) in the file the agent edits (line 9): committing
 * only that hunk binds nothing, committing the rest binds the segment. `prepare` runs once the hunk
 * is written, before the session (stage it, slow the snapshot down…).
 */
export async function preSessionHunk(t: TestContext, prepare?: (sb: Sandbox, repo: string) => Promise<void> | void): Promise<void> {
  const { sb, repo } = setup({ 'a.txt': tenLines, 'b.txt': 'b0\n' });
  const before = edited({ 2: 'line 2 before the session' });
  writeTree(repo, { 'a.txt': before });
  await prepare?.(sb, repo);
  await session(t, sb, repo, [
    { prompt: 'change line 9' }, { write: { path: 'a.txt', content: edited({ 2: 'line 2 before the session', 9: 'line 9 by the agent' }) } }, { say: 'ANSWER-A' },
  ]);
  const labels = new Labels();
  const a = segmentsOf(await waitPending(sb, repo, ['a.txt']))('a.txt')[0]!;
  await stage(sb, repo, 'a.txt', before);
  await sh(sb, repo, ['commit', '-qm', 'the pre-session hunk only']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [] } });
  assert.deepEqual(await waiting(sb, repo, labels), [`S:${a}:a.txt`]);
  await sh(sb, repo, ['commit', '-qam', 'the rest']);
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [] },
    HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-A/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
}
