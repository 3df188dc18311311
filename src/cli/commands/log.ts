import { openRepo } from '../../git/repo.js';
import { positiveCount } from '../../history/args.js';
import { logCommits } from '../../history/log.js';
import { formatLogLines, summarize } from '../../history/log-format.js';
import { ExitCode } from '../errors.js';
import { whenBound } from '../settled.js';
import { printJson, printLines, status } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

export default defineCommand({
  name: 'log',
  summary: 'List the commits that carry recorded segments, newest first',
  positionals: [{ name: 'range', variadic: true, description: 'Revisions as git log takes them (default: HEAD)' }],
  flags: {
    json: jsonFlag('the commits and their records'),
    'max-count': { type: 'string', short: 'n', value: 'N', description: 'Show at most N commits' },
    quiet: QUIET,
  },
  async run(args) {
    const repo = await openRepo(process.cwd());
    await whenBound(repo);
    const entries = await logCommits(repo, { revisions: args.range, limit: positiveCount('-n', args['max-count']) });
    if (args.json) {
      await printJson(entries.map(summarize));
      return ExitCode.ok;
    }
    if (entries.length === 0) status('no commit in this range carries aisess segments');
    await printLines(formatLogLines(entries));
    return ExitCode.ok;
  },
});
