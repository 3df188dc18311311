import { openRepo } from '../../git/repo.js';
import { nothingReadable } from '../../notes/messages.js';
import { showCommit } from '../../history/show.js';
import { formatShow, showJson } from '../../history/show-format.js';
import { openStore } from '../../store/open.js';
import { ExitCode } from '../errors.js';
import { whenBound } from '../settled.js';
import { printJson, printLines, useColor } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

export default defineCommand({
  name: 'show',
  summary: 'Show the segments bound to a commit: prompts, answers, tool calls, files, model, tokens, resume command',
  positionals: [{ name: 'commit', required: true, description: 'A commit id, branch or tag' }],
  flags: {
    json: jsonFlag('the segments (fields: docs/show-json.md)'),
    screen: { type: 'boolean', description: 'Also print the terminal text of agent segments' },
    unredacted: { type: 'boolean', description: 'Rebuild the segments from the local journal, secrets included (never from the note)' },
    quiet: QUIET,
  },
  async run(args) {
    const repo = await openRepo(process.cwd());
    await whenBound(repo);
    const shown = await showCommit(repo, args.commit);
    if (shown.segments.length === 0) throw nothingReadable(shown.commit, shown.problems);
    const unredacted = args.unredacted;
    if (unredacted) {
      // Only here: it renders the journal again, with xterm (~20 ms to load), which a plain show never needs.
      const { unredactedViews } = await import('../../history/unredacted.js');
      shown.segments = await unredactedViews((await openStore(process.cwd())).dir, shown.segments);
    }
    if (args.json) await printJson(showJson(shown, unredacted));
    else await printLines(formatShow(shown, { color: useColor(), screen: args.screen, unredacted }));
    return ExitCode.ok;
  },
});
