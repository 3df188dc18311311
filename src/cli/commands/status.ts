import { bindPending } from '../../bind/binder.js';
import { bindersInFlight } from '../../bind/in-flight.js';
import { LOCK_WAIT_MS, LockTimeoutError } from '../../os/lock.js';
import { autoInitOffScope, readAisessConfig } from '../../config/aisess-config.js';
import { pendingReport, type PendingSession, type StatusReport } from '../../bind/status.js';
import { hooksDir, installedHooks } from '../../hooks/install.js';
import { openRepo, type Repo } from '../../git/repo.js';
import { quotePath, safeText } from '../../history/safe-text.js';
import { storeDirOf } from '../../hooks/init.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine, status, warn } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

const REASONS = {
  expired: 'waited longer than aisess.pendingExpiry',
  discarded: 'no longer in the working tree, the index, HEAD or a stash',
  superseded: 'overwritten before a commit took it',
  bound: 'bound by an earlier version of aisess',
} as const;

export default defineCommand({
  name: 'status',
  summary: 'Show recorded changes not yet in a commit, and why; binds what was missed',
  positionals: [],
  flags: { json: jsonFlag('the report: {sessions, failures}, and autoInit: false when aisess.autoInit is off'), quiet: QUIET },
  async run(args) {
    const repo = await openRepo(process.cwd());
    const store = storeDirOf(repo);
    // Markers of background binders that are gone (killed, or ended before the hook marked them).
    await bindersInFlight(store);
    // A commit whose hook never ran (or failed) is bound now: what is listed below is what truly waits.
    await bindPending(repo, { dir: store }).catch((err: unknown) => {
      if (!(err instanceof LockTimeoutError)) throw err;
      warn(`another aisess has held the bind lock for ${Math.round(LOCK_WAIT_MS / 1000)} s (${err.path}): binding now was skipped, the report may miss the latest commits`);
    });
    const now = Date.now();
    const report = await pendingReport(repo, store, now);
    const autoInitOff = await autoInitOffScope(repo.git);
    if (args.json) {
      await printJson(autoInitOff === null ? report : { ...report, autoInit: false });
      return notesRefState(repo);
    }
    for (const line of describeFailures(report)) printLine(line);
    for (const p of (await readAisessConfig(repo.git)).problems) printLine(`git config ${p.key} is '${safeText(p.value)}': expected ${p.expected}`);
    if (autoInitOff !== null) printLine(autoInitLine(autoInitOff));
    if (report.sessions.length > 0 && !(await installedHooks(await hooksDir(repo))).includes('post-commit')) {
      printLine('no aisess git hooks here: commits are bound by `aisess status` and by the next session (`aisess init` installs the hooks)');
    }
    if (report.sessions.length === 0) {
      if (report.failures.length === 0) status('nothing pending: every recorded change is bound to a commit (or none was made)');
      return notesRefState(repo);
    }
    for (const s of report.sessions) for (const line of describe(s, now)) printLine(line);
    return notesRefState(repo);
  },
});

/** Said on every status while it holds: an `aisess init --undo` is not forgotten. */
function autoInitLine(scope: string): string {
  const where = scope === 'local' || scope === 'worktree' ? 'in this repository' : `in your ${scope} git config`;
  return `aisess.autoInit is false ${where}: \`aisess run\` does not install the git hooks here (\`aisess init\` installs them and turns it back on)`;
}

/** After the report: a notes ref that cannot be read fails status with its own error and exit code. */
async function notesRefState(repo: Repo): Promise<number> {
  const { checkNotesRef } = await import('../../notes/index.js');
  await checkNotesRef(repo);
  return ExitCode.ok;
}

function describeFailures(report: StatusReport): string[] {
  if (report.failures.length === 0) return [];
  const lines = ['binding failed (the changes keep waiting; the next commit, or `aisess status`, tries again):'];
  for (const f of report.failures) lines.push(`  session ${safeText(f.session)}${f.commit ? `, commit ${safeText(f.commit.slice(0, 12))}` : ''}: ${safeText(f.message)}`);
  return lines;
}

function describe(s: PendingSession, now: number): string[] {
  const lines = [`session ${safeText(s.session)} (${safeText(s.agent ?? 'unknown agent')}${s.live ? ', running' : ''})${s.note ? `: ${safeText(s.note)}` : ''}`];
  for (const seg of s.segments) {
    const expiry = seg.expiresAt === null ? 'never expires' : `expires in ${ago(seg.expiresAt - now)}`;
    lines.push(`  segment ${seg.index + 1} (${safeText(s.session)}:${seg.index}), changed ${ago(seg.ageMs)} ago, ${expiry}; not yet committed:`);
    for (const p of seg.paths) {
      const part = p.lines ? ` (${p.lines.waiting} of ${p.lines.of} lines)` : '';
      lines.push(`    ${p.blob === null ? 'deleted ' : ''}${quotePath(p.path)}${part}`);
    }
  }
  for (const c of s.settled) lines.push(`  segment ${c.segment + 1}: ${quotePath(c.path)} stopped waiting ${ago(now - c.at)} ago: ${REASONS[c.reason]}`);
  return lines;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}
