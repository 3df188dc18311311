/**
 * `aisess sync` as a domain operation: fetch the remote's notes into a tracking ref, merge them
 * record by record into ours, and (when asked, or to a remote the user allowed) push, fetching and
 * merging again when someone pushed in between. docs/sync.md is the contract.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { requireConfig } from '../config/aisess-config.js';
import { UserError } from '../errors/user-error.js';
import type { Repo } from '../git/repo.js';
import { mergeNotes, notesChanged, notesRef, type NoteInCommit, type NotesMerge } from '../notes/index.js';
import { allowPushRemote, resolveRemote, trackingRef, type SyncRemote } from './remote.js';
import { largeNotes, type LargeNote } from './large-notes.js';
import type { ShareSummary } from './share-summary.js';
import { fetchNotes, pushNotes } from './transport.js';

/** Fetch, merge and push rounds before giving up on a remote that others keep pushing to. */
export const PUSH_ATTEMPTS = 8;

export interface SyncOptions {
  remote?: string;
  /** Push even to a remote not yet allowed (after the summary and a confirmation, or --yes). */
  push?: boolean;
  /** Never push, not even to an allowed remote. */
  fetchOnly?: boolean;
  /** Allow a first push without asking. */
  yes?: boolean;
  /** Work out what would happen; change nothing here or there. */
  dryRun?: boolean;
}

export interface SyncIo {
  /** Asks whether to push to a remote for the first time; absent when there is no terminal to ask on. */
  confirm?: (remote: SyncRemote, share: ShareSummary) => Promise<boolean>;
  /** Shown before refusing a first push that nobody could confirm. */
  refused?: (remote: SyncRemote, share: ShareSummary) => void;
  progress?: (message: string) => void;
}

export interface SyncReport {
  remote: string;
  url: string;
  dryRun: boolean;
  /** Commits whose note the remote added, changed or removed since the common base. */
  fetched: number;
  /** Of those, commits whose note changed here. */
  merged: number;
  /** Of those, commits noted on both sides, combined record by record. */
  combined: number;
  merge: NotesMerge['kind'];
  /** Commits whose note the push sent (would send, in a dry run). */
  pushed: number;
  /** Why nothing was pushed, when nothing was. */
  notPushed?: 'not asked' | 'nothing new' | 'no notes';
  /** Push rounds (more than 1 when someone pushed in between). */
  rounds: number;
  /** The remote was allowed by this run (recorded in aisess.pushRemote). */
  allowed: boolean;
  /** Notes over aisess.noteWarnBytes among those pushed. */
  largeNotes: LargeNote[];
  /** What was (or would be) shared, computed before a first push. */
  share?: ShareSummary;
}

export async function syncNotes(repo: Repo, opts: SyncOptions, io: SyncIo = {}): Promise<SyncReport> {
  if (opts.push && opts.fetchOnly) throw new UserError('--push and --fetch-only contradict each other', { hint: 'give one of them' });
  const [ref, remote, config] = await Promise.all([notesRef(repo), resolveRemote(repo, opts.remote), requireConfig(repo.git, ['noteWarnBytes'])]);
  const tracking = trackingRef(ref, remote.name);
  const wantPush = !opts.fetchOnly && (opts.push === true || remote.allowed);
  const dryRun = opts.dryRun === true;
  const report: SyncReport = {
    remote: remote.name, url: remote.url, dryRun, fetched: 0, merged: 0, combined: 0, merge: 'up-to-date', pushed: 0, rounds: 0, allowed: false, largeNotes: [],
  };
  let consented = remote.allowed;
  for (;;) {
    report.rounds++;
    const theirs = await fetchAndMerge(repo, { remote: remote.name, ref, tracking, dryRun }, report, io);
    if (!wantPush) return { ...report, notPushed: 'not asked' };
    const ours = await localHead(repo, ref);
    if (ours === null) return { ...report, notPushed: 'no notes' };
    if (theirs !== null && (ours === theirs || (await isAncestor(repo, ours, theirs)))) return { ...report, notPushed: 'nothing new' };
    const notes = await notesChanged(repo.git, theirs, ours);
    report.largeNotes = largeNotes(notes, config.noteWarnBytes);
    if (!consented) {
      report.share = await whatWouldBeShared(repo, remote, notes, io);
      if (dryRun) return { ...report, pushed: notes.length };
      await askFirstPush(remote, report.share, opts, io);
      consented = true;
    }
    if (dryRun) return { ...report, pushed: notes.length };
    io.progress?.(`pushing ${notes.length} note${notes.length === 1 ? '' : 's'} to ${remote.name}`);
    const pushed = await pushNotes(repo, remote.name, ours, ref);
    if (pushed.ok) {
      // The remote now holds ours: the tracking ref says so until the next fetch.
      await repo.git.run(['update-ref', '-m', 'aisess: pushed', tracking, ours]);
      if (!remote.allowed) await allowPushRemote(repo, remote.name);
      return { ...report, pushed: notes.length, allowed: !remote.allowed };
    }
    if (!pushed.retry || report.rounds >= PUSH_ATTEMPTS) throw refused(remote.name, pushed.reason, pushed.retry);
    await sleep(Math.floor(Math.random() * 50 * report.rounds) + 1);
  }
}

/** One round's fetch and merge, added to the report; the remote's notes commit (null: it has none). */
async function fetchAndMerge(repo: Repo, at: { remote: string; ref: string; tracking: string; dryRun: boolean }, report: SyncReport, io: SyncIo): Promise<string | null> {
  io.progress?.(`fetching ${at.ref} from ${at.remote}`);
  const theirs = fetchNotes(repo, at.remote, at.ref, at.tracking, at.dryRun);
  const merge = await mergeNotes(repo, theirs, {
    dryRun: at.dryRun, message: `aisess: sync from ${at.remote}`,
    onProgress: (done, total) => io.progress?.(`merging notes: ${done} of ${total}`),
  });
  report.fetched += merge.incoming;
  report.merged += merge.changed;
  report.combined += merge.combined;
  if (merge.kind !== 'up-to-date') report.merge = merge.kind;
  return await theirs;
}

async function whatWouldBeShared(repo: Repo, remote: SyncRemote, notes: readonly NoteInCommit[], io: SyncIo): Promise<ShareSummary> {
  io.progress?.(`checking the ${notes.length} notes a first push to ${remote.name} would share`);
  // Loaded only here: the scan brings the whole redaction engine, which a plain sync never needs.
  const { shareSummary } = await import('./share-summary.js');
  return shareSummary(repo, notes, (done, total) => io.progress?.(`scanning notes: ${done} of ${total}`));
}

function refused(remote: string, reason: string, race: boolean): UserError {
  return new UserError(`${remote} refused the notes: ${reason}`, {
    kind: 'remote',
    hint: race ? `others kept pushing to ${remote} through ${PUSH_ATTEMPTS} rounds: run \`aisess sync\` again` : 'your local notes are merged and kept; see why the remote refused (a hook, permissions)',
  });
}

async function askFirstPush(remote: SyncRemote, share: ShareSummary, opts: SyncOptions, io: SyncIo): Promise<void> {
  if (opts.yes) return;
  if (!io.confirm) {
    io.refused?.(remote, share);
    throw new UserError(`not pushing notes to '${remote.name}': it is the first push there, and there is no terminal to confirm it on`, {
      kind: 'notAllowed',
      hint: `to share the notes above, run \`aisess sync --push --yes ${remote.name}\` once (or on a terminal, without --yes); \`--dry-run\` shows them again`,
    });
  }
  if (!(await io.confirm(remote, share))) {
    throw new UserError(`not pushing notes to '${remote.name}': not confirmed`, { kind: 'notAllowed', hint: 'nothing was pushed; your local notes are merged and kept' });
  }
}

async function localHead(repo: Repo, ref: string): Promise<string | null> {
  const out = await repo.git.run(['rev-parse', '-q', '--verify', '--end-of-options', `${ref}^{commit}`], { okCodes: [1] });
  return out.stdout.trim() || null;
}

async function isAncestor(repo: Repo, a: string, b: string): Promise<boolean> {
  return (await repo.git.run(['merge-base', '--is-ancestor', a, b], { okCodes: [1] })).exitCode === 0;
}
