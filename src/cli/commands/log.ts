import { defineCommand } from 'citty';
import { openRepo } from '../../git/repo.js';
import { positiveCount } from '../../history/args.js';
import { logCommits } from '../../history/log.js';
import { formatLogLines, summarize } from '../../history/log-format.js';
import { ExitCode } from '../errors.js';
import { whenBound } from '../settled.js';
import { printJson, printLines, status } from '../output.js';

export default defineCommand({
  meta: { name: 'log', description: 'List the commits that carry recorded segments, newest first' },
  args: {
    range: { type: 'positional', required: false, valueHint: 'revision range', description: 'Revisions as git log takes them (default: HEAD)' },
    json: { type: 'boolean', description: 'Print the commits and their records as JSON' },
    'max-count': { type: 'string', alias: 'n', valueHint: 'N', description: 'Show at most N commits' },
    quiet: { type: 'boolean', alias: 'q', description: 'No status lines on stderr' },
  },
  async run({ args }) {
    const repo = await openRepo(process.cwd());
    await whenBound(repo);
    const entries = await logCommits(repo, { revisions: args._.map(String), limit: positiveCount('-n', args['max-count']) });
    if (args.json) {
      await printJson(entries.map(summarize));
      return ExitCode.ok;
    }
    if (entries.length === 0) status('no commit in this range carries aisess segments');
    await printLines(formatLogLines(entries));
    return ExitCode.ok;
  },
});
