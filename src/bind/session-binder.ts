/**
 * One session's bind run: look at every commit made in its working tree since it started that it
 * has not looked at yet (its reflog, plus commits named by the hook or the live watcher), in the
 * order they were made; bind what each holds by content; remove copies a rewrite carried to a commit
 * that no longer holds their changes; give bound turns their conversation; settle what expired or is
 * gone. The ledger is written after each commit, so a binder killed midway loses nothing.
 */
import { existsSync } from 'node:fs';
import { tryResolve, type Repo } from '../git/repo.js';
import { changeShape, type ChangeShape } from '../segment/change-lines.js';
import { completeTurns } from '../segment/conversation.js';
import type { Ledger, SettleReason } from '../segment/ledger.js';
import { coveringCommits, expiredKeys, pendingChanges } from '../segment/pending.js';
import { applyPlan } from '../segment/ledger-update.js';
import { planBinding, type BoundSegment } from '../segment/rules.js';
import type { PathChange } from '../segment/types.js';
import { Contents } from './contents.js';
import { doneWaiting } from './done-waiting.js';
import { commitInfo, type CommitInfo } from './git-facts.js';
import { writeLedger } from './ledger-file.js';
import { liveCommits } from './liveness.js';
import type { RecordWriter } from './record-writer.js';
import { commitsMadeSince, headLogPath, headLogSize } from './reflog.js';
import type { LoadedSession } from './session-source.js';

export interface SessionRun {
  repo: Repo;
  storeDir: string;
  session: LoadedSession;
  writer: RecordWriter;
  /** Commits to look at besides the reflog's (made in this session's working tree). */
  hints: readonly string[];
  /** New commits of a rewrite: their stray copies are removed even when already looked at. */
  rewritten: readonly string[];
  now: number;
  expiryMs: number;
}

export interface SessionOutcome {
  bound: { commit: string; segments: number[] }[];
  /** Changes still waiting for a commit. */
  waiting: number;
}

export async function bindSessionRun(run: SessionRun): Promise<SessionOutcome> {
  const { session, repo } = run;
  // git writes the notes a rewrite carries over without looking at what is there (a record bound
  // meanwhile can be lost): the rewritten commits are bound again from scratch, after git's copy.
  let ledger = forget(session.ledger, run.rewritten);
  // Read before the reflog: every commit up to this HEAD is among those looked at below.
  const head = session.live ? null : await tryResolve(repo, 'HEAD^{commit}');
  // And the reflog's size then: a commit made after it (then checked out away) is in no place the
  // judgement below looks at, so a reflog that moved meanwhile settles nothing this run.
  const logSize = await headLogSize(repo);
  const todo = await commitsToLook(run, ledger);
  const live = await liveCommits(repo, coveringCommits(ledger));
  const contents = new Contents(repo, run.storeDir);
  const bound: SessionOutcome['bound'] = [];
  const save = (next: Ledger) => writeLedger(run.storeDir, session.id, (ledger = next));
  try {
    const shapes = new Map<string, ChangeShape>();
    const shape = (c: PathChange) => {
      let s = shapes.get(c.key);
      if (!s) shapes.set(c.key, (s = changeShape(c.before, c.blob, contents)));
      return s;
    };
    for (const { commit, rewrite } of todo) {
      const info = await commitInfo(repo, commit);
      await preload(contents, session, info);
      const plan = planBinding({ segments: session.segments, ledger, commit: info.view, shape, live, open: session.live });
      const next = applyPlan(ledger, plan, info.id, session.segments);
      await run.writer.write(info, session.header, session.segments, plan.bound);
      await save({ ...next, evaluated: [...next.evaluated, info.id] });
      if (rewrite) await removeStrays(run, ledger, info.id);
      if (plan.bound.length) bound.push({ commit: info.id, segments: plan.bound.map((b) => b.segment) });
    }
    for (const commit of run.rewritten.filter((c) => !todo.some((t) => t.commit === c))) await removeStrays(run, ledger, commit);
    for (const [commit, segments] of completeTurns(session.segments, ledger, session.live, live)) {
      const conversation = segments.map((segment): BoundSegment => ({ segment, taken: [], partial: [], conversation: true }));
      const next = applyPlan(ledger, { bound: conversation, covered: [] }, commit, session.segments);
      await run.writer.write(await commitInfo(repo, commit), session.header, session.segments, conversation);
      await save(next);
      bound.push({ commit, segments });
    }
    const waiting = pendingChanges(session.segments, ledger, live);
    // A live session's files may be mid-write: only a finished one's changes are judged done by content.
    const settle = session.live ? new Map<string, SettleReason>() : await doneWaiting(repo, run.storeDir, contents, ledger, waiting, live, head, logSize);
    for (const key of expiredKeys(session.segments, waiting, session.header.aisess.startedAt, run.now, run.expiryMs)) settle.set(key, 'expired');
    if (settle.size) {
      const settled = { ...ledger.settled };
      for (const [key, reason] of settle) settled[key] = { reason, at: run.now };
      await save({ ...ledger, settled });
    }
    return { bound, waiting: waiting.length - settle.size };
  } finally {
    contents.close();
  }
}

/**
 * The session's commits not looked at yet, oldest first: its worktree's reflog, then the hints.
 * `rewrite`: made by an amend or a rebase, whose copied notes may hold records it does not.
 */
async function commitsToLook(run: SessionRun, ledger: Ledger): Promise<{ commit: string; rewrite: boolean }[]> {
  const since = { ms: run.session.header.aisess.startedAt, headLog: run.session.headLog };
  const made = await commitsMadeSince(run.repo, since);
  const seen = new Set(ledger.evaluated);
  const out: { commit: string; rewrite: boolean }[] = [];
  const rewritten = new Set(run.rewritten);
  // A hint the reflog does not list as made here (a pull's fast-forward seen by the live watcher) is
  // not looked at, but a rewrite's new commits are (git says they were made here); without a reflog
  // (core.logAllRefUpdates off) the hints are all there is.
  const hints = existsSync(headLogPath(run.repo)) ? run.rewritten : run.hints;
  for (const m of [...made, ...hints.map((commit) => ({ commit, subject: '' }))]) {
    if (seen.has(m.commit)) continue;
    seen.add(m.commit);
    out.push({ commit: m.commit, rewrite: rewritten.has(m.commit) || /^(commit \(amend\)|rebase|pull[^:]*--rebase)/.test(m.subject) });
  }
  return out;
}

async function preload(contents: Contents, session: LoadedSession, info: CommitInfo): Promise<void> {
  const blobs: (string | null | undefined)[] = [];
  for (const [path, [before, after]] of info.view.paths) {
    const touched = session.segments.some((s) => s.changes.some((c) => c.path === path));
    if (!touched) continue;
    blobs.push(before, after);
    for (const s of session.segments) for (const c of s.changes) if (c.path === path) blobs.push(c.before, c.blob);
  }
  await contents.load(blobs);
}

/** The ledger as if these commits had never been looked at. */
function forget(ledger: Ledger, commits: readonly string[]): Ledger {
  const gone = new Set(commits.filter((c) => ledger.evaluated.includes(c)));
  if (gone.size === 0) return ledger;
  const covered: Ledger['covered'] = {};
  for (const [key, cov] of Object.entries(ledger.covered)) {
    covered[key] = { n: cov.n, by: Object.fromEntries(Object.entries(cov.by).filter(([c]) => !gone.has(c))) };
  }
  return {
    ...ledger,
    covered,
    bindings: ledger.bindings.filter((b) => b.attached || !gone.has(b.commit)),
    evaluated: ledger.evaluated.filter((c) => !gone.has(c)),
  };
}

/** Records of this session on the commit that its ledger binds to other commits only: rewrite copies. */
async function removeStrays(run: SessionRun, ledger: Ledger, commit: string): Promise<void> {
  const here = new Set(ledger.bindings.filter((b) => b.commit === commit).map((b) => b.segment));
  const ours = new Set(ledger.bindings.map((b) => b.segment));
  await run.writer.remove(commit, await run.writer.strays(commit, run.session.id, here, ours));
}
