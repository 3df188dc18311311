import { defineCommand } from 'citty';
import { openRepo } from '../../git/repo.js';
import { nothingReadable, showCommit } from '../../history/show.js';
import { formatShow, showJson } from '../../history/show-format.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine } from '../output.js';

export default defineCommand({
  meta: { name: 'show', description: 'Show the segments bound to a commit: session, agent, times, paths, terminal text' },
  args: {
    commit: { type: 'positional', required: true, valueHint: 'commit', description: 'A commit id, branch or tag' },
    json: { type: 'boolean', description: 'Print the segments as JSON' },
    quiet: { type: 'boolean', alias: 'q', description: 'No status lines on stderr' },
  },
  async run({ args }) {
    const repo = await openRepo(process.cwd());
    const shown = await showCommit(repo, String(args.commit));
    if (shown.segments.length === 0) throw nothingReadable(shown.commit, shown.problems);
    if (args.json) printJson(showJson(shown));
    else for (const line of formatShow(shown)) printLine(line);
    return ExitCode.ok;
  },
});
