/**
 * Shared by the privacy e2e tests: a temp repository, `aisess run claude` (the fake, with its
 * transcript) in a real terminal, a commit bound by the hooks aisess installed, and the note read
 * back with plain `git notes` and decoded record by record.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeStream, type BodyEvent } from '../../src/record/decode.js';
import { readJournal } from '../../src/journal/reader.js';
import type { JournalEvent } from '../../src/journal/events.js';
import { decodeNote } from '../../src/notes/index.js';
import type { NoteRecord } from '../../src/notes/types.js';
import { locateStore } from '../../src/store/locate.js';
import { journalPath, listSessions } from '../../src/store/sessions.js';
import { fixturesDir } from '../helpers/cli.js';
import { gitEnv, tempRepo } from '../helpers/git.js';
import { cliInTerminal, testEnv, type OuterTerminal } from '../helpers/term.js';

export interface PrivacyRepo {
  path: string;
  env: Record<string, string>;
  cleanup: () => void;
}

export function privacyRepo(): PrivacyRepo {
  const dir = tempRepo({ 'README.md': 'demo\n' });
  const path = realpathSync(dir.path);
  const claudeDir = join(path, '.git', 'claude-config');
  mkdirSync(claudeDir);
  const env = {
    ...gitEnv,
    PATH: `${join(fixturesDir, 'agents')}:${process.env.PATH}`,
    CLAUDE_CONFIG_DIR: claudeDir,
    HOME: join(path, '.git'),
  };
  return { path, env, cleanup: dir.cleanup };
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
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const note = spawnSync('git', ['notes', '--ref=aisess', 'show', 'HEAD'], { cwd: repo.path, env: testEnv(repo.env) });
    if (note.status === 0 && note.stdout.length > 0) return note.stdout.toString('utf8');
    if (Date.now() > deadline) throw new Error(`no note on HEAD after ${timeoutMs} ms: ${note.stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
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
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await onlySession(repo).then((s) => s.events.some(pred), () => false);
    if (found) return;
    if (Date.now() > deadline) throw new Error('the journal never showed the awaited event');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The only session recorded in the repository, with its journal events. */
export async function onlySession(repo: PrivacyRepo): Promise<{ id: string; events: JournalEvent[] }> {
  const store = await locateStore(repo.path, testEnv(repo.env));
  const sessions = await listSessions(store);
  if (sessions.length !== 1) throw new Error(`expected one session, found ${sessions.length}`);
  const meta = sessions[0]!;
  return { id: meta.id, events: (await readJournal(journalPath(store, meta))).events };
}
