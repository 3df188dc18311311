/**
 * Repositories with annotated commits for the rebind tests, without a pty: a record is bound to a
 * commit as the binder writes it (the commit's facts from src/bind/git-facts.ts, each path the
 * commit changed bound in full, the note through src/notes/write.ts).
 */
import assert from 'node:assert/strict';
import { commitFacts, commitInfo } from '../../src/bind/git-facts.js';
import { openRepo } from '../../src/git/repo.js';
import { appendRecords } from '../../src/notes/index.js';
import { recordSummary, type SegmentBody } from '../../src/record/body.js';
import { runCli } from '../helpers/cli.js';
import { git, gitEnv, tempDir, tempRepo, writeTree } from '../helpers/git.js';

export const env = { ...process.env, ...gitEnv };
const cleanups: (() => void)[] = [];

/** Removes every directory the tests made (call from `after`). */
export function cleanup(): void {
  cleanups.splice(0).forEach((c) => c());
}

export function tracked(prefix: string): string {
  const d = tempDir(prefix);
  cleanups.push(d.cleanup);
  return d.path;
}

export function bareRepo(): string {
  const path = tracked('aisess-bare-');
  git(path, ['init', '-q', '--bare', '-b', 'main']);
  return path;
}


/** Binds a record with the given id and prompt to the commit. */
export async function bindRecord(cwd: string, commit: string, id: string, prompt: string, only?: readonly string[]): Promise<void> {
  const repo = await openRepo(cwd, { env: gitEnv });
  const info = await commitInfo(repo, commit);
  const facts = await commitFacts(repo, info);
  const [session = id, index = '0'] = id.split(':');
  const startedAt = Date.UTC(2026, 0, 1, 10);
  const body: SegmentBody = {
    v: 2,
    session: { id: session, agent: 'claude', argv: ['claude'], cwd, startedAt },
    segment: { index: Number(index), start: 1, end: 5, firstChangeAt: 3, conversation: false },
    term: { cols: 80, rows: 24 },
    events: [],
    screen: `> ${prompt}\n`,
    stream: null,
    paths: [...info.diff.paths].filter(([path]) => !only || only.includes(path)).map(([path, blob]) => ({ path, blob, status: 'modified', bound: 'full' as const })),
    commit: facts,
    boundAt: startedAt + 60_000,
    boundBy: 'ada@example.com',
  };
  await appendRecords(repo, info.id, [{ id, summary: recordSummary(body, prompt), body }]);
}

export const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n') + '\n';
export const edit = (text: string, from: string, to: string) => text.replace(`${from}\n`, `${to}\n`);

export function newRepo(): string {
  const r = tempRepo({ 'a.txt': lines(20), 'z.txt': 'z\n' });
  cleanups.push(r.cleanup);
  return r.path;
}

export function commit(cwd: string, tree: Record<string, string>, message: string): string {
  writeTree(cwd, tree);
  git(cwd, ['add', '-A']);
  git(cwd, ['commit', '-qm', message]);
  return git(cwd, ['rev-parse', 'HEAD']);
}

/** `git merge --squash` of branch into the current one, committed with message; the squash commit's id. */
export function squashMerge(cwd: string, branch: string, message: string): string {
  git(cwd, ['merge', '--squash', '-q', branch]);
  git(cwd, ['commit', '-qm', message]);
  return git(cwd, ['rev-parse', 'HEAD']);
}

export function rebindJson(cwd: string, args: string[] = []) {
  const r = runCli(['rebind', '--json', ...args], { cwd, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as {
    dryRun: boolean;
    rebound: { from: string; to: string; rule: string; records: string[] }[];
    already: { from: string; to: string; records: string[] }[];
    notFound: { from: string; records: string[]; reason: string }[];
  };
}

export function shownIds(cwd: string, rev: string): { ids: string[]; json: { segments: { id: string; rebound: { from: string; rule: string; via: unknown; at: unknown } | null }[]; via?: unknown } } {
  const r = runCli(['show', rev, '--json'], { cwd, env });
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  return { ids: json.segments.map((s: { id: string }) => s.id).sort(), json };
}

/** A feature branch of three commits, each with a record: a.txt twice (far apart) and a new b.txt. */
export async function featureBranch(cwd: string): Promise<string[]> {
  git(cwd, ['checkout', '-qb', 'feature']);
  const a = lines(20);
  const c1 = commit(cwd, { 'a.txt': edit(a, 'line 2', 'line 2 by c1') }, 'c1');
  const c2 = commit(cwd, { 'b.txt': lines(5, 'b') }, 'c2');
  const c3 = commit(cwd, { 'a.txt': edit(edit(a, 'line 2', 'line 2 by c1'), 'line 15', 'line 15 by c3') }, 'c3');
  for (const [i, c] of [c1, c2, c3].entries()) await bindRecord(cwd, c, `s1:${i}`, `prompt ${i}`);
  return [c1, c2, c3];
}
