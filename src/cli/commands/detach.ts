import { openRepo } from '../../git/repo.js';
import { splitList } from '../../history/args.js';
import { detach } from '../../bind/detach.js';
import { safeText } from '../../history/safe-text.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine, status } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

export default defineCommand({
  name: 'detach',
  summary: 'Remove recorded segments from a commit (all of them unless named)',
  positionals: [{ name: 'commit', required: true, description: 'The commit (id, branch or tag)' }],
  flags: {
    segment: { type: 'string', multiple: true, value: 'RECORD_ID', description: 'Only this record, e.g. <session>:<n>; comma-separate for several' },
    json: jsonFlag('what was removed'),
    quiet: QUIET,
  },
  async run(args) {
    const repo = await openRepo(process.cwd(), { requireWorkTree: true });
    const ids = splitList(args.segment);
    const result = await detach(repo, args.commit, ids.length ? ids : undefined);
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
