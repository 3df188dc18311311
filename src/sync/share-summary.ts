/**
 * What a push would share, shown before the first push to a remote: which commits, how many
 * segments by which agents, and what `aisess scan` finds in them (kinds only: notes are written
 * redacted, so this should be nothing).
 */
import type { Repo } from '../git/repo.js';
import { scanRecords } from '../history/scan.js';
import { parseHeadlines, parseNote, type NoteInCommit, type NoteRecord } from '../notes/index.js';

export interface ShareSummary {
  /** Commits whose note the push adds or changes. */
  commits: string[];
  /** Segments in those notes, and how many per agent. */
  segments: number;
  agents: Record<string, number>;
  /** Earliest and latest segment start (epoch ms), when any. */
  from?: number;
  to?: number;
  /** What redaction finds in them, by kind (`aisess scan`): notes are redacted, so normally none. */
  findings: Record<string, number>;
  /** Commits that have a finding (for `aisess scan <commit>`). */
  findingsOn: string[];
  /** Records that do not decode (damage, a newer format): pushed as they are, not scanned. */
  unreadable: number;
}

export async function shareSummary(repo: Repo, notes: readonly NoteInCommit[], onProgress?: (done: number, total: number) => void): Promise<ShareSummary> {
  const summary: ShareSummary = { commits: notes.map((n) => n.object), segments: 0, agents: {}, findings: {}, findingsOn: [], unreadable: 0 };
  for (const [i, note] of notes.entries()) {
    if (i % 200 === 199) onProgress?.(i + 1, notes.length);
    const { records, problems } = parseNote(note.text);
    summary.unreadable += problems.length;
    const heads = records.length ? records.map((r) => r.summary) : parseHeadlines(note.text).flatMap((h) => (h.summary ? [h.summary] : []));
    for (const s of heads) {
      summary.segments++;
      summary.agents[s.agent] = (summary.agents[s.agent] ?? 0) + 1;
      summary.from = Math.min(summary.from ?? s.time, s.time);
      summary.to = Math.max(summary.to ?? s.time, s.time);
    }
    if (await countFindings(repo, records, summary)) summary.findingsOn.push(note.object);
  }
  return summary;
}

async function countFindings(repo: Repo, records: readonly NoteRecord[], summary: ShareSummary): Promise<boolean> {
  let any = false;
  for (const part of await scanRecords(repo, records)) {
    for (const f of part.findings) {
      summary.findings[f.kind] = (summary.findings[f.kind] ?? 0) + 1;
      any = true;
    }
  }
  return any;
}
