/** Pure: a rebind report → the lines a person reads. Ids and reasons come from notes: made safe. */
import type { RebindReport } from '../bind/rebind.js';
import { plural } from '../text/human.js';
import { safeText } from './safe-text.js';

export function formatRebind(report: RebindReport): string[] {
  const ids = (records: readonly string[]) => records.map((r) => safeText(r)).join(', ');
  const lines: string[] = [];
  const verb = report.dryRun ? 'would re-attach' : 're-attached';
  for (const m of report.rebound) lines.push(`${verb}  ${m.from.slice(0, 12)} → ${m.to.slice(0, 12)}  (${m.rule})  ${ids(m.records)}`);
  for (const a of report.already) lines.push(`already there  ${a.from.slice(0, 12)} → ${a.to.slice(0, 12)}  ${ids(a.records)}`);
  for (const n of report.notFound) lines.push(`not re-found  ${n.from.slice(0, 12)}  ${ids(n.records)}: ${safeText(n.reason)}`);
  return lines;
}

export function rebindStatus(report: RebindReport): string {
  const s = report.searched;
  if (s.oldCommits === 0) return 'no records on commits the branches no longer reach: nothing to rebind (a merged branch still on the remote: name the range it was merged into, e.g. `aisess rebind origin/main~20..origin/main`)';
  const moved = report.rebound.reduce((n, m) => n + m.records.length, 0);
  const to = new Set(report.rebound.map((m) => m.to)).size;
  const missing = report.notFound.reduce((n, m) => n + m.records.length, 0);
  const already = report.already.reduce((n, m) => n + m.records.length, 0);
  const done = `${plural(moved, 'record')} ${report.dryRun ? 'would be ' : ''}re-attached to ${plural(to, 'commit')}`;
  const gone = s.gone ? ` (${s.gone} of them gone from the object store)` : '';
  return `${done}, ${already} already there, ${missing} not re-found; looked at ${plural(s.oldCommits, 'rewritten commit')}${gone} and ${plural(s.commits, 'commit')}`;
}
