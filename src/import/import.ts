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
import { loadSessions, type Loaded } from './load.js';
import { CLOCK_SKEW_MS, planSession, requiredEdits, type TurnBinding } from './plan.js';
import { recordedKey, recordedPrompts } from './recorded.js';
import { importHeader, importRecord, importSegments, importSessionId, type RecordSettings } from './records.js';
import { worktreeRoots } from './paths.js';
import { bindingEntry, type ImportReport } from './report.js';
import type { ImportAgent } from './sources.js';

export type { ImportBinding, ImportReport } from './report.js';

export interface ImportOptions {
  /** How far back sessions may have started (ms; Infinity: all). */
  sinceMs: number;
  agents: readonly ImportAgent[];
  dryRun: boolean;
  /** Commits of every ref, not only those reachable from HEAD. */
  all: boolean;
  env: Env;
  now: number;
  /** The aisess store of the repository (claims of running recordings live there). */
  storeDir: string;
}

export async function importSessions(repo: Repo, o: ImportOptions): Promise<ImportReport> {
  const { config } = await readAisessConfig(repo.git);
  const since = o.now - o.sinceMs;
  const roots = await worktreeRoots(repo);
  const report: ImportReport = { dryRun: o.dryRun, sessions: [], bound: [], unbound: [], recorded: [], recording: [], copies: [], unreadable: [] };
  const loaded = await loadSessions(o, roots, since, config.keepThinking, report);
  const paths = [...new Set(loaded.flatMap((l) => l.edits.map((e) => e.path)))];
  const earliest = Math.min(...loaded.flatMap((l) => l.edits.map((e) => e.at)));
  const commits = await candidateCommits(repo, { since: earliest - CLOCK_SKEW_MS, all: o.all, paths });
  const byId = new Map(commits.map((c) => [c.id, c]));
  const { readNotes } = await import('../notes/index.js');
  const notes = await readNotes(repo, byId.keys());
  const recordedBy = recordedPrompts([...notes.values()].flatMap((n) => n.records));
  const present = new Map([...notes].map(([c, n]) => [c, new Set(n.records.map((r) => r.id))]));
  const { builtinRules, createRedactor } = await import('../redact/index.js');
  const settings: RecordSettings = { boundAt: o.now, boundBy: config.userEmail, noteBudget: config.noteBudget,
    rules: builtinRules({ patterns: config.redactPatterns, allow: config.redactAllow }) };
  // The report quotes prompts: redacted as the records are, since it may go to a log or a pipe.
  const redactor = createRedactor(settings.rules);
  const redact = (text: string) => redactor.text(text).text;
  const writes = new Map<string, Awaited<ReturnType<typeof importRecord>>[]>();
  const turnsSeen = new Map<string, string>();
  for (const l of loaded) {
    const segments = importSegments(l.read, l.edits);
    // A recorded session's note holds the prompt redacted.
    const prompts = recordedBy.get(recordedKey(l.read.agent, l.read.id));
    const recorded = (prompt: string) => prompts !== undefined && (prompts.has(prompt) || prompts.has(redact(prompt)));
    for (const b of planned(l, commits, recorded, copiesIn(l, turnsSeen, report), report)) {
      const id = `${importSessionId(l.read)}:${b.turn}`;
      const here = present.get(b.commit)?.has(id) ?? false;
      report.bound.push(bindingEntry(l.read, b, id, here ? 'present' : o.dryRun ? 'planned' : 'added', redact));
      if (here || o.dryRun) continue;
      const commit = byId.get(b.commit)!;
      const record = await importRecord(importHeader(l.read), segments, b, await commitFacts(repo, commit.info), blobsOf(commit), settings);
      writes.set(b.commit, [...(writes.get(b.commit) ?? []), record]);
    }
  }
  if (writes.size > 0) {
    const { appendRecords } = await import('../notes/index.js');
    for (const [commit, records] of writes) await appendRecords(repo, commit, records);
  }
  return report;
}

/**
 * Turns another session file holds too (a forked or copied session repeats its history, times
 * included): the first file read keeps them, so a commit does not get one turn under two ids.
 */
function copiesIn(l: Loaded, seen: Map<string, string>, report: ImportReport): Set<number> {
  const copies = new Set<number>();
  for (const t of l.read.turns) {
    const key = JSON.stringify([l.read.agent, t.events[0]?.at, t.prompt]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, l.read.id);
    else if (first !== l.read.id) {
      copies.add(t.index);
      report.copies.push({ agent: l.read.agent, session: l.read.id, turn: t.index + 1, of: first });
    }
  }
  return copies;
}

function planned(l: Loaded, commits: readonly CandidateCommit[], recorded: (prompt: string) => boolean, copies: ReadonlySet<number>, report: ImportReport): TurnBinding[] {
  // A copied turn is left to its first file's import: like a recorded one, it changed files but takes nothing here.
  const turns = l.read.turns.map((t) => ({ index: t.index, recorded: recorded(t.prompt) || copies.has(t.index), edited: l.edits.some((e) => e.turn === t.index) }));
  for (const t of turns) if (t.recorded && !copies.has(t.index)) report.recorded.push({ agent: l.read.agent, session: l.read.id, turn: t.index + 1 });
  const plan = planSession(turns, requiredEdits(l.edits), commits);
  for (const u of plan.unbound) report.unbound.push({ ...u, agent: l.read.agent, session: l.read.id, turn: u.turn + 1 });
  return plan.bindings;
}

function blobsOf(c: CandidateCommit): Map<string, string | null> {
  return new Map([...c.paths].map(([path, d]) => [path, d.blob]));
}
