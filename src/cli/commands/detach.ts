import { defineCommand } from 'citty';
import { openRepo } from '../../git/repo.js';
import { repeatedOption } from '../../history/args.js';
import { detach } from '../../history/detach.js';
import { safeText } from '../../history/safe-text.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine, status } from '../output.js';

export default defineCommand({
  meta: { name: 'detach', description: 'Remove recorded segments from a commit (all of them unless named)' },
  args: {
    commit: { type: 'positional', required: true, valueHint: 'commit', description: 'The commit (id, branch or tag)' },
    segment: { type: 'string', valueHint: 'RECORD_ID', description: 'Only this record, e.g. <session>:<n> (repeat or comma-separate for several)' },
    json: { type: 'boolean', description: 'Print what was removed as JSON' },
    quiet: { type: 'boolean', alias: 'q', description: 'No status lines on stderr' },
  },
  async run({ args, rawArgs }) {
    const repo = await openRepo(process.cwd(), { requireWorkTree: true });
    const ids = repeatedOption(rawArgs, 'segment');
    const result = await detach(repo, String(args.commit), ids.length ? ids : undefined);
    if (args.json) {
      await printJson(result);
      return ExitCode.ok;
    }
    // A damaged record's id comes from whatever its summary line says.
    for (const id of result.removed) printLine(`detached  ${safeText(id)}${result.damaged.includes(id) ? ' (damaged)' : ''}`);
    const lines = result.droppedLines ? ` and ${result.droppedLines} unreadable line${result.droppedLines === 1 ? '' : 's'}` : '';
    status(`removed ${result.removed.length} record${result.removed.length === 1 ? '' : 's'}${lines} from ${result.commit.slice(0, 12)}`);
    return ExitCode.ok;
  },
});
