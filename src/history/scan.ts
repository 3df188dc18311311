/**
 * `aisess scan`: what redaction finds in a session's journal (where secrets were recorded) or in
 * the records on a commit (which should be nothing: notes are written redacted). Kinds and
 * positions only, never the secret.
 */
import { isUserError } from '../errors/user-error.js';
import { describeProblem, nothingReadable } from '../notes/messages.js';
import { openRepo, type Repo } from '../git/repo.js';
import { readJournal } from '../journal/reader.js';
import { readNote, type NoteRecord } from '../notes/index.js';
import { openStore } from '../store/open.js';
import { findSession, journalPath } from '../store/sessions.js';
import { createRedactor, type CastEvent } from '../redact/redactor.js';
import { builtinRules, loadRules } from '../redact/rules.js';
import type { Finding, Rules } from '../redact/types.js';

export interface ScanReport {
  target: { type: 'session'; id: string } | { type: 'commit'; id: string };
  /** Per scanned part: the session's journal, or each record on the commit. */
  parts: { name: string; findings: Finding[] }[];
  /** Records on the commit that could not be read (damaged, over a decoding limit): not scanned. */
  damaged?: string[];
}

export async function scanTarget(cwd: string, target: string): Promise<ScanReport> {
  const repo = await openRepo(cwd).catch(() => null);
  const rules = repo ? await loadRules(repo) : builtinRules();
  try {
    return await scanSession(cwd, target, rules);
  } catch (err) {
    // Not a session: a commit, when there is a repository to find it in.
    if (!repo || !isUserError(err) || err.kind !== 'notFound') throw err;
  }
  return scanCommit(repo, target, rules);
}

async function scanSession(cwd: string, target: string, rules: Rules): Promise<ScanReport> {
  const store = await openStore(cwd);
  const meta = await findSession(store, target);
  const journal = await readJournal(journalPath(store, meta));
  const events: CastEvent[] = journal.events.map((e) => [e.time, e.code, e.data]);
  const { findings } = createRedactor(rules, { cols: journal.header.term.cols }).events(events);
  return { target: { type: 'session', id: meta.id }, parts: [{ name: 'journal', findings }] };
}

async function scanCommit(repo: Repo, target: string, rules: Rules): Promise<ScanReport> {
  const note = await readNote(repo, target);
  if (note.records.length === 0 && note.problems.length > 0) throw nothingReadable(note.commit, note.problems);
  const parts = note.records.map((record) => ({ name: record.id, findings: scanBody(record.body, rules) }));
  const damaged = note.problems.map(describeProblem);
  return { target: { type: 'commit', id: note.commit }, parts, ...(damaged.length ? { damaged } : {}) };
}

/** What redaction finds in records about to leave the machine (`aisess sync`'s first push): kinds and positions. */
export async function scanRecords(repo: Repo, records: Iterable<NoteRecord>): Promise<{ name: string; findings: Finding[] }[]> {
  const rules = await loadRules(repo);
  return [...records].map((record) => ({ name: record.id, findings: scanBody(record.body, rules) }));
}

/** A segment body's events as a stream; every other string in it as a value. */
function scanBody(body: unknown, rules: Rules): Finding[] {
  const redactor = createRedactor(rules, { cols: colsOf(body) });
  if (!isRecord(body) || !Array.isArray(body.events)) return redactor.value(body).findings;
  const { events, ...rest } = body;
  const castEvents = events.filter((e): e is CastEvent => Array.isArray(e) && typeof e[2] === 'string');
  return [...redactor.events(castEvents).findings, ...redactor.value(rest).findings];
}

function colsOf(body: unknown): number | undefined {
  const term = isRecord(body) ? body.term : undefined;
  return isRecord(term) && typeof term.cols === 'number' ? term.cols : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One line per finding: part, kind, where, event, offset, length. */
export function formatScan(report: ScanReport): string[] {
  const lines: string[] = [];
  for (const part of report.parts) {
    for (const f of part.findings) {
      const at = f.event !== undefined ? `event ${f.event}` : '';
      const path = f.path ? ` ${f.path}` : '';
      lines.push(`${part.name}\t${f.kind}\t${f.where}\t${at}${path}\toffset ${f.offset}\tlength ${f.length}`);
    }
  }
  return lines;
}
