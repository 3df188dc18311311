/** What `aisess sync` says to people: the summary before a first push, and the report. */
import { formatDate, formatSize, plural } from '../text/human.js';
import type { SyncRemote } from './remote.js';
import type { ShareSummary } from './share-summary.js';
import type { SyncReport } from './sync.js';

const SHOWN_COMMITS = 10;

export function formatShare(remote: SyncRemote, s: ShareSummary): string[] {
  const agents = Object.entries(s.agents).sort((a, b) => b[1] - a[1]).map(([agent, n]) => `${agent} ${n}`).join(', ');
  const span = s.from !== undefined && s.to !== undefined ? `, ${formatDate(s.from)} to ${formatDate(s.to)}` : '';
  const more = s.commits.length > SHOWN_COMMITS ? ` and ${s.commits.length - SHOWN_COMMITS} more` : '';
  const kinds = Object.entries(s.findings).map(([kind, n]) => `${kind} ×${n}`).join(', ');
  return [
    `first push of notes to '${remote.name}' (${remote.url}); it would share:`,
    `  ${plural(s.commits.length, 'commit')}: ${s.commits.slice(0, SHOWN_COMMITS).map((c) => c.slice(0, 12)).join(' ')}${more}`,
    `  ${plural(s.segments, 'segment')}${agents ? ` (${agents})` : ''}${span}`,
    kinds
      ? `  redaction check (aisess scan): ${kinds} on ${s.findingsOn.slice(0, 5).map((c) => c.slice(0, 12)).join(', ')}${s.findingsOn.length > 5 ? '…' : ''}: look with \`aisess scan <commit>\` before sharing`
      : `  redaction check (aisess scan): nothing found${s.unreadable ? ` (${plural(s.unreadable, 'record')} unreadable, not scanned)` : ''}`,
  ];
}

export function formatReport(r: SyncReport): string {
  const would = r.dryRun ? 'would ' : '';
  const fetched = `${r.remote}: ${would}fetch ${plural(r.fetched, 'note')}`;
  const merged = r.merged === 0 ? 'nothing to merge' : `${would}merge ${plural(r.merged, 'note')}${r.combined ? ` (${r.combined} combined record by record)` : ''}`;
  const pushed = r.notPushed === 'not asked' ? 'not pushed (`aisess sync --push` pushes)' : r.notPushed ? `nothing to push (${r.notPushed})` : `${would}push ${plural(r.pushed, 'note')}${r.rounds > 1 ? ` in ${r.rounds} rounds` : ''}`;
  return `${fetched}, ${merged}, ${pushed}${r.dryRun ? ' (dry run: nothing changed)' : ''}`;
}

export function formatLarge(r: SyncReport, limit: number): string[] {
  return r.largeNotes.map((n) => `the note on ${n.commit.slice(0, 12)} is ${formatSize(n.bytes)}, over aisess.noteWarnBytes (${formatSize(limit)}): hosts refuse big blobs (GitHub warns at 50 MB, refuses 100 MB)`);
}
