import { createInterface } from 'node:readline/promises';
import { requireConfig } from '../../config/aisess-config.js';
import { openRepo } from '../../git/repo.js';
import { formatLarge, formatReport, formatShare } from '../../sync/format.js';
import { syncNotes, type SyncIo } from '../../sync/sync.js';
import { ExitCode } from '../errors.js';
import { printJson, status, warn } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

/** A first push is confirmed on a terminal only: stdin to answer, stderr to ask. */
function confirmOnTerminal(): SyncIo['confirm'] {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return async (remote, share) => {
    for (const line of formatShare(remote, share)) process.stderr.write(`aisess: ${line}\n`);
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await rl.question(`aisess: push these notes to '${remote.name}', and allow aisess to push there from now on? [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}

export default defineCommand({
  name: 'sync',
  summary: "Fetch and merge teammates' notes from a remote; push yours with --push (a first push shows what it shares and asks)",
  details: [
    'Fetches the remote\'s refs/notes/aisess into refs/notes/remotes/<remote>/aisess, merges it into yours record by record',
    '(nothing local is ever overwritten), and pushes when asked (--push) or when the remote is allowed',
    '(git config aisess.pushRemote, set by the first confirmed push). A push that loses a race fetches, merges and retries.',
    'Remote: the one named, else aisess.syncRemote, else aisess.pushRemote, else origin. Details: docs/sync.md.',
    'Exit codes: 0 done; 77 a first push to a remote was not confirmed (no terminal and no --yes, or answered no);',
    '76 the remote could not be reached or refused; 64 bad usage; 66 no such remote.',
  ].join('\n'),
  positionals: [{ name: 'remote', description: 'A git remote (default: aisess.syncRemote, aisess.pushRemote, origin)' }],
  flags: {
    push: { type: 'boolean', description: 'Also push (the first push to a remote shows what it shares and asks)' },
    'fetch-only': { type: 'boolean', description: 'Never push, not even to an allowed remote' },
    yes: { type: 'boolean', short: 'y', description: 'Allow a first push without asking (records the remote in aisess.pushRemote)' },
    'dry-run': { type: 'boolean', short: 'n', description: 'Say what would be fetched, merged and pushed; change nothing' },
    json: jsonFlag('the report'),
    quiet: QUIET,
  },
  async run(args) {
    const repo = await openRepo(process.cwd());
    const { noteWarnBytes } = await requireConfig(repo.git, ['noteWarnBytes']);
    const report = await syncNotes(
      repo,
      { remote: args.remote, push: args.push, fetchOnly: args['fetch-only'], yes: args.yes, dryRun: args['dry-run'] },
      {
        confirm: confirmOnTerminal(),
        refused: (remote, share) => formatShare(remote, share).forEach((l) => process.stderr.write(`aisess: ${l}\n`)),
        progress: process.stderr.isTTY ? status : undefined,
      },
    );
    for (const line of formatLarge(report, noteWarnBytes)) warn(line);
    // On a terminal without --yes the question showed it already.
    if (report.share && (report.dryRun || args.yes)) for (const line of formatShare({ name: report.remote, url: report.url, allowed: false }, report.share)) status(line);
    if (args.json) await printJson(report);
    else status(formatReport(report));
    if (report.allowed) status(`pushing notes to '${report.remote}' is allowed from now on (git config aisess.pushRemote); undo: git config --unset aisess.pushRemote ${report.remote}`);
    return ExitCode.ok;
  },
});
