/** `aisess attach`: bind a recording (or some of its segments) by hand to any commit. */
import { commitFacts, commitInfo } from './git-facts.js';
import { requireConfig } from '../config/aisess-config.js';
import { writeLedger } from './ledger-file.js';
import { withBindLock } from './bind-lock.js';
import { loadSession } from './session-source.js';
import { UserError } from '../errors/user-error.js';
import { resolveCommit, type Repo } from '../git/repo.js';
import { appendRecords, readNote } from '../notes/index.js';
import { builtinRules } from '../redact/index.js';
import type { SegmentBody } from '../record/body.js';
import { withRecords } from '../segment/ledger-update.js';
import { segmentSession } from '../segment/segmenter.js';
import type { Segment } from '../segment/types.js';
import { loadRecording, type AttachSource, type Recording } from './attach-source.js';
import { attachRecords } from './attach-records.js';

export interface AttachOptions {
  segments?: readonly number[];
  now?: () => number;
}

export interface AttachResult {
  commit: string;
  session: string;
  records: { id: string; title: string; durationMs: number; files: number }[];
  added: string[];
  replaced: string[];
  unchanged: string[];
  /** Parts of the recording that could not be read and were left out. */
  skipped: string[];
}

export async function attach(repo: Repo, cwd: string, rev: string, source: AttachSource, opts: AttachOptions = {}): Promise<AttachResult> {
  const commit = await resolveCommit(repo, rev);
  const recording = await loadRecording(source, cwd);
  const info = await commitInfo(repo, commit);
  // A value the binder could not read stops attach too: a note is never written with less redaction than the user asked for.
  const config = await requireConfig(repo.git, ['userEmail', 'noteBudget', 'redactPatterns', 'redactAllow']);
  const rules = builtinRules({ patterns: config.redactPatterns, allow: config.redactAllow });
  const [facts, existing] = await Promise.all([commitFacts(repo, info), boundTimes(repo, commit)]);
  const write = async (all: readonly Segment[]) => {
    const records = await attachRecords({
      header: recording.header, all, segments: opts.segments, diff: info.diff, facts, boundAt: (opts.now ?? Date.now)(), boundBy: config.userEmail,
      rules, noteBudget: config.noteBudget, existing,
    });
    return { records, outcome: await appendRecords(repo, commit, records) };
  };
  const { records, outcome } = recording.storeDir ? await attachStored(recording, recording.storeDir, commit, write) : await write(segmentSession(recording.events).segments);
  return {
    commit,
    session: recording.header.aisess.id,
    records: records.map((r) => ({ id: r.id, title: r.summary.title, durationMs: r.summary.durationMs, files: r.summary.files })),
    added: outcome.added,
    replaced: outcome.replaced,
    unchanged: outcome.unchanged,
    skipped: recording.skipped,
  };
}

/**
 * A session of the store: its segments as its ledger names them, and what attach names is frozen
 * there too (under the binder's lock), so the ids it writes keep naming the same content.
 */
async function attachStored<T extends { records: { body: SegmentBody }[] }>(
  recording: Recording, storeDir: string, commit: string, write: (all: readonly Segment[]) => Promise<T>,
): Promise<T> {
  const id = recording.header.aisess.id;
  return withBindLock(storeDir, async () => {
    const load = await loadSession(storeDir, id);
    if (!load.ok) throw new UserError(`cannot attach session ${id}: ${load.reason}`, { kind: load.missing ? 'notFound' : 'badData' });
    const { segments, ledger } = load.session;
    const done = await write(segments);
    const written = done.records.map((r) => ({ segment: r.body.segment.index, conversation: false, attached: true as const }));
    await writeLedger(storeDir, id, withRecords(ledger, written, commit, segments));
    return done;
  });
}

/** Records already on the commit, with when and by whom they were bound. */
async function boundTimes(repo: Repo, commit: string): Promise<Map<string, { boundAt: number; boundBy: string | null }>> {
  const note = await readNote(repo, commit);
  const map = new Map<string, { boundAt: number; boundBy: string | null }>();
  for (const r of note.records) {
    const body = r.body as Partial<SegmentBody> | null;
    if (typeof body?.boundAt === 'number') map.set(r.id, { boundAt: body.boundAt, boundBy: typeof body.boundBy === 'string' ? body.boundBy : null });
  }
  return map;
}
