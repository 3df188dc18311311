import { openRepo } from '../../git/repo.js';
import { rebind } from '../../bind/rebind.js';
import { formatRebind, rebindStatus } from '../../history/rebind-format.js';
import { ExitCode } from '../errors.js';
import { printJson, printLines, status } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

export default defineCommand({
  name: 'rebind',
  summary: 'Re-find the commits of records whose commits were rewritten elsewhere (squash- or rebase-merge, force-push)',
  details: [
    'Without a range: records on commits that HEAD and the remote-tracking branches no longer reach are',
    'looked for among what HEAD and the remote-tracking branches hold after those commits. With a range:',
    'records on commits the range does not reach are looked for in the range.',
    'A record is copied to a commit with the same patch-id, or to the one commit whose diff holds its',
    'change (every line it added and removed, e.g. a squash merge); the old commit keeps it. A record no',
    'commit is found to hold is reported with the reason, never guessed. Fetch first (`git fetch`).',
  ].join('\n'),
  positionals: [{ name: 'range', variadic: true, description: 'Where to look, as git rev-list takes it (e.g. origin/main~20..origin/main)' }],
  flags: {
    'dry-run': { type: 'boolean', short: 'n', description: 'Say what would be re-attached; write nothing' },
    json: jsonFlag('what was re-attached and what was not'),
    quiet: QUIET,
  },
  async run(args) {
    const repo = await openRepo(process.cwd());
    const report = await rebind(repo, { range: args.range, dryRun: args['dry-run'] });
    if (args.json) {
      await printJson(report);
      return ExitCode.ok;
    }
    await printLines(formatRebind(report));
    status(rebindStatus(report));
    return ExitCode.ok;
  },
});
