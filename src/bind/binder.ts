/**
 * The one binding path, used by a live session and by the git hooks alike: for a commit, derive
 * each pending session's segments from its journal, apply the binding rules against the commit's
 * diff, write the records on the commit's note, and keep the ledger. Serialised by a lock file;
 * record ids make a repeated write harmless.
 */
import type { Repo } from '../git/repo.js';
import { parseNoteBudget } from '../compact/budget-config.js';
import { segmentRecord, type CommitFacts } from '../segment/body.js';
import { leadEvents } from '../segment/lead.js';
import { loadRules, type Rules } from '../redact/index.js';
import type { CutRule } from '../segment/cut.js';
import { DEFAULT_EXPIRY_MS, parseExpiry } from '../segment/expiry.js';
import { applySettled, expired, pendingChanges } from '../segment/pending.js';
import { planBinding } from '../segment/rules.js';
import { commitFacts, commitInfo, configValue, treeBlobs, type CommitInfo } from './git-facts.js';
import { bindLockPath, withLock } from './lock.js';
import { defaultNotes, type NotesPort } from './notes-port.js';
import { listPending, readPending, removePending, writePending, type PendingFile } from './pending-file.js';
import { loadSession, type LoadedSession } from './session-source.js';

export interface BindOptions {
  /** Only these sessions (a live session binds its own); default: every pending session. */
  sessions?: readonly string[];
  now?: () => number;
  notes?: NotesPort;
  cut?: CutRule;
}

export interface BindResult {
  commit: string;
  bound: { session: string; segments: number[] }[];
}

export async function bindCommit(repo: Repo, store: { dir: string }, commit: string, opts: BindOptions = {}): Promise<BindResult> {
  const wanted = (await listPending(store.dir)).filter((f) => !opts.sessions || opts.sessions.includes(f.session));
  if (wanted.length === 0) return { commit, bound: [] };
  return withLock(bindLockPath(store.dir), async () => {
    const info = await commitInfo(repo, commit);
    const ctx: Ctx = { repo, store, info, now: (opts.now ?? Date.now)(), notes: opts.notes ?? (await defaultNotes()), facts: null, boundBy: undefined };
    const expiryMs = await pendingExpiry(repo);
    const sessions: Loaded[] = [];
    for (const f of wanted) {
      const loaded = await loadPending(ctx, f.session, expiryMs, opts.cut);
      if (loaded) sessions.push(loaded);
    }
    const tree = await askTree(ctx, sessions);
    const bound: BindResult['bound'] = [];
    for (const s of sessions) {
      const segments = await bindSession(ctx, s, tree);
      if (segments.length) bound.push({ session: s.file.session, segments });
    }
    return { commit: info.id, bound };
  });
}

interface Ctx {
  repo: Repo;
  store: { dir: string };
  info: CommitInfo;
  now: number;
  notes: NotesPort;
  facts: CommitFacts | null;
  boundBy: string | null | undefined;
  /** Loaded once per bind, on the first segment that binds. */
  rules?: Rules;
}

interface Loaded {
  file: PendingFile;
  session: LoadedSession;
}

export async function pendingExpiry(repo: Repo): Promise<number> {
  const value = await configValue(repo, 'aisess.pendingExpiry').catch(() => null);
  return (value !== null ? parseExpiry(value) : null) ?? DEFAULT_EXPIRY_MS;
}

/** Re-reads the pending file under the lock and drops what expired; null when nothing is left to do. */
async function loadPending(ctx: Ctx, id: string, expiryMs: number, cut?: CutRule): Promise<Loaded | null> {
  const file = await readPending(ctx.store.dir, id);
  if (!file) return null;
  if (file.worktree && ctx.repo.workTree && file.worktree !== ctx.repo.workTree) return null;
  const session = await loadSession(ctx.store.dir, id, cut);
  if (!session) {
    await removePending(ctx.store.dir, id);
    return null;
  }
  const waiting = pendingChanges(session.segments, file.ledger);
  const old = expired(session.segments, waiting, session.header.aisess.startedAt, ctx.now, expiryMs);
  return { file: { ...file, ledger: applySettled(file.ledger, old) }, session };
}

/** One ls-tree for every waiting path the commit did not change: tells a revert from a change. */
async function askTree(ctx: Ctx, sessions: readonly Loaded[]): Promise<Map<string, string | null>> {
  const ask = new Set<string>();
  for (const s of sessions) {
    for (const p of pendingChanges(s.session.segments, s.file.ledger)) if (!ctx.info.diff.paths.has(p.path)) ask.add(p.path);
  }
  return ask.size ? treeBlobs(ctx.repo, ctx.info.id, [...ask]) : new Map();
}

async function bindSession(ctx: Ctx, s: Loaded, tree: Map<string, string | null>): Promise<number[]> {
  const { segments, baseline, header, live } = s.session;
  const plan = planBinding({ segments, ledger: s.file.ledger, commit: ctx.info.diff, tree, baseline });
  if (plan.bound.length) {
    ctx.facts ??= await commitFacts(ctx.repo, ctx.info);
    if (ctx.boundBy === undefined) ctx.boundBy = await configValue(ctx.repo, 'user.email').catch(() => null);
    const noteBudget = parseNoteBudget(await configValue(ctx.repo, 'aisess.noteBudget').catch(() => null));
    ctx.rules ??= await loadRules(ctx.repo);
    const context = { header, commit: ctx.facts, boundAt: ctx.now, boundBy: ctx.boundBy, noteBudget, rules: ctx.rules };
    const records = await Promise.all(plan.bound.map((b) => segmentRecord(segments[b.segment]!, b, { ...context, lead: leadEvents(segments, b.segment) })));
    await ctx.notes.appendRecords(ctx.repo, ctx.info.id, records);
  }
  const ledger = applySettled(s.file.ledger, plan.settle, plan.bound.map((b) => ({ segment: b.segment, commit: ctx.info.id })));
  if (!live && pendingChanges(segments, ledger).length === 0) await removePending(ctx.store.dir, s.file.session);
  else await writePending(ctx.store.dir, { ...s.file, ledger, updatedAt: ctx.now });
  return plan.bound.map((b) => b.segment);
}
