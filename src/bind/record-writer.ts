/**
 * Writes bound segments as note records on a commit: the compaction pipeline (src/record/body.ts)
 * with what the repository's config and the commit add (who binds, the note budget, redaction rules,
 * the commit's tree and patch-id). Config and facts are read once per bind run.
 */
import type { Repo } from '../git/repo.js';
import type { AisessConfig } from '../config/aisess-config.js';
import type { Rules } from '../redact/index.js';
import type { CommitFacts } from '../record/body.js';
import { leadEvents } from '../segment/lead.js';
import type { BoundSegment } from '../segment/rules.js';
import type { JournalHeader } from '../journal/events.js';
import type { Segment } from '../segment/types.js';
import { commitFacts, type CommitInfo } from './git-facts.js';
import type { NotesPort } from './notes-port.js';

export class RecordWriter {
  private config?: Promise<{ boundBy: string | null; noteBudget: number | undefined; rules: Rules }>;
  private readonly facts = new Map<string, Promise<CommitFacts>>();

  constructor(
    private readonly repo: Repo,
    private readonly notes: NotesPort,
    private readonly now: number,
    private readonly settings: AisessConfig,
  ) {}

  async write(info: CommitInfo, header: JournalHeader, segments: readonly Segment[], bound: readonly BoundSegment[]): Promise<void> {
    if (bound.length === 0) return;
    const { boundBy, noteBudget, rules } = await this.loadConfig();
    // Rendering and redaction load a terminal emulator and secretlint: only a run that writes pays for them.
    const { segmentRecord } = await import('../record/body.js');
    const facts = await this.factsOf(info);
    const context = { header, commit: facts, boundAt: this.now, boundBy, noteBudget, rules };
    const records = await Promise.all(bound.map((b) => segmentRecord(segments[b.segment]!, b, { ...context, lead: leadEvents(segments, b.segment) })));
    await this.notes.appendRecords(this.repo, info.id, records);
  }

  /** Record ids of this session on the commit that the session does not bind there. */
  async strays(commit: string, session: string, boundHere: ReadonlySet<number>, ours: ReadonlySet<number>): Promise<string[]> {
    const records = await this.notes.readRecords(this.repo, commit);
    return records
      .map((r) => r.id)
      .filter((id) => {
        const index = indexOf(id, session);
        return index !== null && ours.has(index) && !boundHere.has(index);
      });
  }

  async remove(commit: string, ids: string[]): Promise<void> {
    if (ids.length) await this.notes.removeRecords(this.repo, commit, ids);
  }

  private loadConfig() {
    const c = this.settings;
    this.config ??= import('../redact/index.js').then(({ builtinRules }) => ({
      boundBy: c.userEmail, noteBudget: c.noteBudget, rules: builtinRules({ patterns: c.redactPatterns, allow: c.redactAllow }),
    }));
    return this.config;
  }

  private factsOf(info: CommitInfo): Promise<CommitFacts> {
    let f = this.facts.get(info.id);
    if (!f) this.facts.set(info.id, (f = commitFacts(this.repo, info)));
    return f;
  }
}

function indexOf(id: string, session: string): number | null {
  const prefix = `${session}:`;
  if (!id.startsWith(prefix)) return null;
  const n = Number(id.slice(prefix.length));
  return Number.isInteger(n) && n >= 0 ? n : null;
}
