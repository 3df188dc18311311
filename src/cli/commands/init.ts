import { openRepo } from '../../git/repo.js';
import { initMessage, initRepo, undoInit } from '../../hooks/init.js';
import { ExitCode } from '../errors.js';
import { printJson, status, warn } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';
import { cliRuntime } from '../runtime.js';

export default defineCommand({
  name: 'init',
  summary: 'Install the git hooks that bind sessions to commits (--undo removes them)',
  positionals: [],
  flags: {
    undo: { type: 'boolean', description: 'Remove exactly what init added, restore chained hooks, and set aisess.autoInit false here' },
    json: jsonFlag('what was done'),
    quiet: QUIET,
  },
  async run(args) {
    const repo = await openRepo(process.cwd(), { requireWorkTree: true });
    if (args.undo) {
      const r = await undoInit(repo);
      if (args.json) await printJson({ undone: true, ...r });
      else {
        status(r.removed.length ? `removed ${r.removed.join(', ')} from ${r.hooksDir}` : `no aisess hooks in ${r.hooksDir}`);
        status('set aisess.autoInit false in this repository: `aisess run` will not install the hooks again (`aisess init` turns it back on)');
      }
      return ExitCode.ok;
    }
    const r = await initRepo(repo, cliRuntime());
    for (const w of r.warnings) warn(w);
    if (args.json) await printJson(r);
    else {
      status(initMessage(r));
      if (r.autoInitTurnedOn) status('aisess.autoInit is on again in this repository: `aisess run` reinstalls the hooks if they go missing');
    }
    return ExitCode.ok;
  },
});
