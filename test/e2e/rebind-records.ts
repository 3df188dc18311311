/**
 * Annotated commits without a pty: a record bound to a commit as the binder writes it (the commit's
 * facts from src/bind/git-facts.ts, each path the commit changed bound in full, the note through
 * src/notes/write.ts), with a one-line prompt so `aisess show` has something to print.
 */
import { commitFacts, commitInfo } from '../../src/bind/git-facts.js';
import { openRepo } from '../../src/git/repo.js';
import { appendRecords } from '../../src/notes/index.js';
import { recordSummary, type SegmentBody } from '../../src/record/body.js';
import { gitEnv } from '../helpers/git.js';

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
