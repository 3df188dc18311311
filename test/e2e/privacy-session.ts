/**
 * The privacy e2e tests on the one harness (helpers/scenario.ts): `aisess run claude` (the fake,
 * with its transcript) in a real terminal, a commit bound by the hooks aisess installed, and the
 * note read back with plain `git notes` and decoded record by record.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeStream, type BodyEvent } from '../../src/record/decode.js';
import { readJournal } from '../../src/journal/reader.js';
import type { JournalEvent } from '../../src/journal/events.js';
import { decodeNote } from '../../src/notes/index.js';
import type { NoteRecord } from '../../src/notes/types.js';
import { locateStore } from '../../src/store/locate.js';
import { journalPath, listSessions } from '../../src/store/sessions.js';
import { noteText, sandbox, scenarioRepo } from '../helpers/scenario.js';
import { cliInTerminal, testEnv, type OuterTerminal } from '../helpers/term.js';
import { waitFor } from '../helpers/wait.js';

export interface PrivacyRepo {
  path: string;
  env: Record<string, string>;
  cleanup: () => void;
}

/** A sandbox and a repository holding a README. */
export function privacyRepo(): PrivacyRepo {
  const sb = sandbox();
  const repo = scenarioRepo({ 'README.md': 'demo\n' });
  return { path: repo.path, env: sb.env, cleanup: () => (repo.cleanup(), sb.cleanup()) };
}

/** `aisess run [aisessArgs] claude` playing `script` (written to a file under .git). */
export function runClaude(repo: PrivacyRepo, script: unknown[], opts: { aisessArgs?: string[]; cols?: number; rows?: number } = {}): OuterTerminal {
  const file = join(repo.path, '.git', `script-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(script));
  return cliInTerminal(['run', ...(opts.aisessArgs ?? []), 'claude', '--speed', '20'], {
    cwd: repo.path, cols: opts.cols ?? 80, rows: opts.rows ?? 24, env: { ...repo.env, FAKE_AGENT_SCRIPT: file },
  });
}

export function git(repo: PrivacyRepo, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd: repo.path, env: testEnv(repo.env), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Commits everything; the post-commit hook aisess installed binds in the background: wait for the note. */
export async function commitAndWaitForNote(repo: PrivacyRepo, timeoutMs = 60_000): Promise<string> {
  const add = git(repo, ['add', '-A', '--', '.']);
  const commit = git(repo, ['commit', '-qm', 'work from the session']);
  if (add.status !== 0 || commit.status !== 0) throw new Error(`commit failed: ${add.stderr}${commit.stderr}`);
  return noteText(repo, repo.path, 'HEAD', 1, timeoutMs);
}

export interface DecodedNote {
  text: string;
  records: NoteRecord[];
  /** Per record, every event: output stream and structured events merged. */
  events: BodyEvent[][];
}

export function decodeNoteText(text: string): DecodedNote {
  const { records, problems } = decodeNote(text);
  if (problems.length > 0) throw new Error(`note problems: ${JSON.stringify(problems)}`);
  return { text, records, events: records.map((r) => decodeStream(r.body)) };
}

/** Polls the (running) session's journal until `pred` holds for one of its events. */
export async function waitForJournal(repo: PrivacyRepo, pred: (e: JournalEvent) => boolean, timeoutMs = 30_000): Promise<void> {
  await waitFor(() => onlySession(repo).then((s) => s.events.some(pred), () => false), 'the awaited event in the journal', { timeoutMs, intervalMs: 100 });
}

/** The only session recorded in the repository, with its journal events. */
export async function onlySession(repo: PrivacyRepo): Promise<{ id: string; events: JournalEvent[] }> {
  const store = await locateStore(repo.path, testEnv(repo.env));
  const sessions = await listSessions(store);
  if (sessions.length !== 1) throw new Error(`expected one session, found ${sessions.length}`);
  const meta = sessions[0]!;
  return { id: meta.id, events: (await readJournal(journalPath(store, meta))).events };
}
