/**
 * `aisess import`: sessions the agents stored on their own become note records on the commits
 * that hold their edits. Compute, then execute: every session is read and planned first
 * (src/import/plan.ts), then the records are written with the atomic notes writer, or only listed
 * for a dry run. Importing again writes nothing new (record ids come from the agent's session id and
 * the turn), and a turn a recorded `aisess run` session already bound is left to that record.
 */
import { readAisessConfig } from '../config/aisess-config.js';
import type { Repo } from '../git/repo.js';
import { commitFacts } from '../bind/git-facts.js';
import type { Env } from '../agents/types.js';
import { candidateCommits, type CandidateCommit } from './commits.js';
import { planSession, requiredEdits, type SessionEdit, type TurnBinding, type UnboundEdit } from './plan.js';
import { recordedKey, recordedPrompts, type RecordedPrompts } from './recorded.js';
import { importHeader, importRecord, importSegments, importSessionId, type RecordSettings } from './records.js';
import { repoPath, rootOf, worktreeRoots } from './paths.js';
import { readSession, type AgentSessionRead } from './session-read.js';
import { readSessionLines, sessionFiles, type ImportAgent } from './sources.js';
import { CLOCK_SKEW_MS } from './plan.js';

export interface ImportOptions {
  /** How far back sessions may have started (ms; Infinity: all). */
  sinceMs: number;
  agents: readonly ImportAgent[];
  dryRun: boolean;
  /** Commits of every ref, not only those reachable from HEAD. */
  all: boolean;
  env: Env;
  now: number;
}

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
  /** Files that could not be read as a session. */
  unreadable: { file: string; reason: string }[];
}

const VALID_ID = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,100}$/;

interface Loaded {
  read: AgentSessionRead;
  file: string;
  edits: SessionEdit[];
}

export async function importSessions(repo: Repo, o: ImportOptions): Promise<ImportReport> {
  const { config } = await readAisessConfig(repo.git);
  const since = o.now - o.sinceMs;
  const roots = await worktreeRoots(repo);
  const report: ImportReport = { dryRun: o.dryRun, sessions: [], bound: [], unbound: [], recorded: [], unreadable: [] };
  const loaded = loadSessions(o, roots, since, config.keepThinking, report);
  const paths = [...new Set(loaded.flatMap((l) => l.edits.map((e) => e.path)))];
  const earliest = Math.min(...loaded.flatMap((l) => l.edits.map((e) => e.at)));
  const commits = await candidateCommits(repo, { since: earliest - CLOCK_SKEW_MS, all: o.all, paths });
  const byId = new Map(commits.map((c) => [c.id, c]));
  const { readNotes } = await import('../notes/index.js');
  const notes = await readNotes(repo, byId.keys());
  const recorded = recordedPrompts([...notes.values()].flatMap((n) => n.records));
  const present = new Map([...notes].map(([c, n]) => [c, new Set(n.records.map((r) => r.id))]));
  const { builtinRules } = await import('../redact/index.js');
  const settings: RecordSettings = { boundAt: o.now, boundBy: config.userEmail, noteBudget: config.noteBudget,
    rules: builtinRules({ patterns: config.redactPatterns, allow: config.redactAllow }) };
  const writes = new Map<string, Awaited<ReturnType<typeof importRecord>>[]>();
  for (const l of loaded) {
    for (const b of await planned(l, commits, recorded, report)) {
      const id = `${importSessionId(l.read)}:${b.turn}`;
      const here = present.get(b.commit)?.has(id) ?? false;
      report.bound.push(describe(l, b, id, here ? 'present' : o.dryRun ? 'planned' : 'added'));
      if (here || o.dryRun) continue;
      const commit = byId.get(b.commit)!;
      const record = await importRecord(importHeader(l.read), segmentsOf(l), b, await commitFacts(repo, commit.info), blobsOf(commit), settings);
      writes.set(b.commit, [...(writes.get(b.commit) ?? []), record]);
    }
  }
  if (writes.size > 0) {
    const { appendRecords } = await import('../notes/index.js');
    for (const [commit, records] of writes) await appendRecords(repo, commit, records);
  }
  return report;
}

function loadSessions(o: ImportOptions, roots: readonly string[], since: number, keepThinking: boolean, report: ImportReport): Loaded[] {
  const seen = new Set<string>();
  const loaded: Loaded[] = [];
  for (const f of sessionFiles(o.env, o.agents, roots, since)) {
    const lines = readSessionLines(f);
    const read = lines ? readSession(lines, keepThinking) : null;
    if (!read) {
      report.unreadable.push({ file: f.file, reason: lines ? 'no session id or time in it' : 'cannot be read' });
      continue;
    }
    const root = read.cwd ? rootOf(read.cwd, roots) : null;
    if (!root || !read.cwd || read.startedAt < since || seen.has(importSessionId(read))) continue;
    if (!VALID_ID.test(read.id)) {
      report.unreadable.push({ file: f.file, reason: 'its session id cannot name a record' });
      continue;
    }
    seen.add(importSessionId(read));
    const cwd = read.cwd;
    const edits = read.turns.flatMap((t) => t.edits.flatMap(({ at, edit }): SessionEdit[] => {
      const path = repoPath(edit.path, cwd, root);
      return path ? [{ turn: t.index, path, at, edit }] : [];
    }));
    loaded.push({ read, file: f.file, edits });
    report.sessions.push({ agent: read.agent, id: read.id, file: f.file, cwd: read.cwd, startedAt: read.startedAt, turns: read.turns.length, problems: read.problems });
  }
  return loaded;
}

async function planned(l: Loaded, commits: readonly CandidateCommit[], recorded: RecordedPrompts, report: ImportReport): Promise<TurnBinding[]> {
  const prompts = recorded.get(recordedKey(l.read.agent, l.read.id));
  const turns = l.read.turns.map((t) => ({ index: t.index, recorded: prompts?.has(t.prompt) ?? false, edited: l.edits.some((e) => e.turn === t.index) }));
  for (const t of turns) if (t.recorded) report.recorded.push({ agent: l.read.agent, session: l.read.id, turn: t.index + 1 });
  const plan = planSession(turns, requiredEdits(l.edits), commits);
  for (const u of plan.unbound) report.unbound.push({ ...u, agent: l.read.agent, session: l.read.id, turn: u.turn + 1 });
  return plan.bindings;
}

function describe(l: Loaded, b: TurnBinding, record: string, state: ImportBinding['state']): ImportBinding {
  const paths = [...b.taken.map((path) => ({ path, bound: 'full' as const })), ...b.partial.map((path) => ({ path, bound: 'partial' as const }))];
  return { commit: b.commit, agent: l.read.agent, session: l.read.id, turn: b.turn + 1, record, prompt: l.read.turns[b.turn]?.prompt ?? '',
    paths: paths.sort((x, y) => (x.path < y.path ? -1 : 1)), conversation: b.conversation, state };
}

const segmentCache = new WeakMap<Loaded, ReturnType<typeof importSegments>>();

function segmentsOf(l: Loaded): ReturnType<typeof importSegments> {
  let s = segmentCache.get(l);
  if (!s) {
    const changed = new Map<number, Map<string, string>>();
    for (const e of l.edits) {
      const m = changed.get(e.turn) ?? new Map<string, string>();
      const status = e.edit.change === 'created' ? 'added' : e.edit.change === 'deleted' ? 'deleted' : 'modified';
      m.set(e.path, m.has(e.path) && status !== 'deleted' ? m.get(e.path)! : status);
      changed.set(e.turn, m);
    }
    segmentCache.set(l, (s = importSegments(l.read, changed)));
  }
  return s;
}

function blobsOf(c: CandidateCommit): Map<string, string | null> {
  return new Map([...c.paths].map(([path, d]) => [path, d.blob]));
}
