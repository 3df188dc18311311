import { parseExpiry } from '../../config/aisess-config.js';
import { UserError } from '../../errors/user-error.js';
import { bindPending } from '../../bind/binder.js';
import { openRepo, type Repo } from '../../git/repo.js';
import { storeDirOf } from '../../hooks/init.js';
import { LOCK_WAIT_MS, LockTimeoutError } from '../../os/lock.js';
import { quotePath, safeText } from '../../history/safe-text.js';
import { importSessions, type ImportBinding, type ImportReport } from '../../import/import.js';
import { IMPORT_AGENTS, type ImportAgent } from '../../import/sources.js';
import { ExitCode } from '../errors.js';
import { printJson, printLines, status, warn } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

const DEFAULT_SINCE = '30d';

export default defineCommand({
  name: 'import',
  summary: 'Bind sessions Claude Code and Codex stored on their own to the commits that hold their edits',
  details: [
    'Reads the transcripts the agents keep ($CLAUDE_CONFIG_DIR or ~/.claude/projects, subagents included;',
    '$CODEX_HOME or ~/.codex/sessions, compressed rollouts included) of sessions run in this repository,',
    'and writes each turn whose file edits a commit holds onto that commit, as `aisess run` would have,',
    'without a terminal recording. A commit takes a turn only when its own diff holds the lines the',
    'edit wrote (docs/binding.md). Importing again adds nothing; turns a recorded session bound are left alone.',
    'Claude Code deletes transcripts after 30 days by default (cleanupPeriodDays in its settings.json).',
  ].join('\n'),
  positionals: [],
  flags: {
    since: { type: 'string', value: 'AGE', description: `Sessions started within AGE ("30d", "2 weeks", "36h", "never" for all; default ${DEFAULT_SINCE})` },
    agent: { type: 'string', value: 'NAME', description: 'Only sessions of this agent: claude or codex' },
    all: { type: 'boolean', description: 'Look at the commits of every branch, not only those reachable from HEAD' },
    'dry-run': { type: 'boolean', short: 'n', description: 'List what would be bound; write nothing' },
    json: jsonFlag('the report (dryRun, sessions, bound, unbound, recorded, recording, copies, unreadable)'),
    quiet: QUIET,
  },
  async run(args) {
    const sinceMs = parseSince(args.since ?? DEFAULT_SINCE);
    const agents = parseAgent(args.agent);
    const repo = await openRepo(process.cwd(), { requireWorkTree: true });
    const storeDir = storeDirOf(repo);
    // Commits whose hook never ran are bound first: a recorded session's turns are then on them, and not imported twice.
    if (!args['dry-run']) await bindMissed(repo, storeDir);
    const report = await importSessions(repo, { sinceMs, agents, dryRun: args['dry-run'], all: args.all, env: process.env, now: Date.now(), storeDir });
    if (args.json) {
      await printJson(report);
      return ExitCode.ok;
    }
    // Claude Code's cleanupPeriodDays (settings.json) defaults to 30: older transcripts are gone for good.
    if (agents.includes('claude')) warn('Claude Code deletes transcripts after 30 days by default (cleanupPeriodDays in its settings.json): import before they go, or raise it');
    await printLines(humanLines(report));
    status(summaryLine(report));
    return ExitCode.ok;
  },
});

async function bindMissed(repo: Repo, storeDir: string): Promise<void> {
  await bindPending(repo, { dir: storeDir }).catch((err: unknown) => {
    if (!(err instanceof LockTimeoutError)) throw err;
    warn(`another aisess has held the bind lock for ${Math.round(LOCK_WAIT_MS / 1000)} s (${err.path}): recorded sessions' latest commits may not be bound yet`);
  });
}

function parseSince(text: string): number {
  const ms = parseExpiry(text);
  if (ms === null || ms <= 0) {
    throw new UserError(`--since '${safeText(text)}' is not an age`, { hint: 'give a duration such as 30d, "2 weeks", 36h, or never' });
  }
  return ms;
}

function parseAgent(name: string | undefined): ImportAgent[] {
  if (name === undefined) return [...IMPORT_AGENTS];
  if ((IMPORT_AGENTS as readonly string[]).includes(name)) return [name as ImportAgent];
  throw new UserError(`--agent '${safeText(name)}' is not an agent aisess imports`, { hint: `give one of: ${IMPORT_AGENTS.join(', ')}` });
}

function humanLines(r: ImportReport): string[] {
  const row = (verb: string, rest: string) => `${verb.padEnd(10)}  ${rest}`;
  const verb = (b: ImportBinding) => (b.state === 'present' ? 'already' : r.dryRun ? 'would bind' : 'bound');
  const lines = r.bound.map((b) => {
    const what = b.conversation ? '(conversation)' : b.paths.map((p) => `${quotePath(p.path)} (${p.bound})`).join(', ');
    return row(verb(b), `${b.commit.slice(0, 12)}  ${b.agent} ${safeText(b.session)} turn ${b.turn}  ${what}  ${safeText(oneLine(b.prompt))}`);
  });
  for (const u of r.unbound) lines.push(row('not bound', `${u.agent} ${safeText(u.session)} turn ${u.turn}  ${quotePath(u.path)}: ${u.reason}`));
  for (const t of r.recorded) lines.push(row('recorded', `${t.agent} ${safeText(t.session)} turn ${t.turn}: a recorded aisess session bound it already`));
  for (const f of r.recording) lines.push(row('recording', `${f.agent} ${quotePath(f.file)}: a running aisess session records it and binds it itself`));
  for (const c of r.copies) lines.push(row('copy', `${c.agent} ${safeText(c.session)} turn ${c.turn}: the same turn as in session ${safeText(c.of)}, imported from there`));
  for (const s of r.sessions) if (s.problems > 0) lines.push(row('damaged', `${quotePath(s.file)}: ${s.problems} line(s) that are not JSON were skipped`));
  for (const f of r.unreadable) lines.push(row('skipped', `${quotePath(f.file)}: ${f.reason}`));
  return lines;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

function summaryLine(r: ImportReport): string {
  const sessions = `${r.sessions.length} session${r.sessions.length === 1 ? '' : 's'} read`;
  const fresh = r.bound.filter((b) => b.state !== 'present');
  const commits = new Set(fresh.map((b) => b.commit)).size;
  const did = r.dryRun ? `${fresh.length} record(s) would be written on ${commits} commit(s) (dry run: nothing written)` : `${fresh.length} record(s) written on ${commits} commit(s)`;
  return `${sessions}; ${did}; ${r.unbound.length} edit(s) in no commit`;
}
