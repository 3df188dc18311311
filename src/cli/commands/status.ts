import { defineCommand } from 'citty';
import { pendingReport, type PendingSession } from '../../bind/status.js';
import { openRepo } from '../../git/repo.js';
import { storeDirOf } from '../../hooks/init.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine, status } from '../output.js';

export default defineCommand({
  meta: { name: 'status', description: 'Show what is pending (recorded changes not yet in a commit) and why' },
  args: {
    json: { type: 'boolean', description: 'Print the pending sessions as JSON' },
    quiet: { type: 'boolean', alias: 'q', description: 'No status lines on stderr' },
  },
  async run({ args }) {
    const repo = await openRepo(process.cwd());
    const now = Date.now();
    const report = await pendingReport(repo, storeDirOf(repo), now);
    if (args.json) {
      printJson(report);
      return ExitCode.ok;
    }
    if (report.length === 0) {
      status('nothing pending: every recorded change is bound to a commit (or none was made)');
      return ExitCode.ok;
    }
    for (const s of report) for (const line of describe(s, now)) printLine(line);
    return ExitCode.ok;
  },
});

function describe(s: PendingSession, now: number): string[] {
  const head = `session ${s.session} (${s.agent ?? 'unknown agent'}${s.live ? ', running' : ''})${s.note ? `: ${s.note}` : ''}`;
  const lines = [head];
  for (const seg of s.segments) {
    const expiry = seg.expiresAt === null ? 'never expires' : `expires in ${ago(seg.expiresAt - now)}`;
    lines.push(`  segment ${seg.index}, changed ${ago(seg.ageMs)} ago, ${expiry}; not yet committed:`);
    for (const p of seg.paths) lines.push(`    ${p.blob === null ? 'deleted ' : ''}${p.path}`);
  }
  return lines;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}
