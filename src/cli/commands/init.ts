import { openRepo } from '../../git/repo.js';
import { initMessage, initRepo, undoInit } from '../../hooks/init.js';
import { addNotesRefspecs, removeNotesRefspecs, type ConfigValue } from '../../sync/refspecs.js';
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
    remote: {
      type: 'string', value: 'NAME',
      description: 'Also add refspecs so plain git fetch (and git push, once pushing there is allowed) carry the notes (docs/sync.md)',
    },
    json: jsonFlag('what was done'),
    quiet: QUIET,
  },
  async run(args) {
    const repo = await openRepo(process.cwd(), { requireWorkTree: true });
    if (args.undo) {
      const r = await undoInit(repo);
      const refspecs = await removeNotesRefspecs(repo);
      if (args.json) await printJson({ undone: true, ...r, refspecsRemoved: refspecs });
      else {
        status(r.removed.length ? `removed ${r.removed.join(', ')} from ${r.hooksDir}` : `no aisess hooks in ${r.hooksDir}`);
        for (const v of refspecs) status(`removed git config ${describe(v)}`);
        status('set aisess.autoInit false in this repository: `aisess run` will not install the hooks again (`aisess init` turns it back on)');
      }
      return ExitCode.ok;
    }
    // First: a remote that does not exist stops init before anything is installed.
    const refspecs = args.remote === undefined ? undefined : await addNotesRefspecs(repo, args.remote);
    const r = await initRepo(repo, cliRuntime());
    for (const w of r.warnings) warn(w);
    if (args.json) await printJson({ ...r, ...(refspecs && { refspecs }) });
    else {
      status(initMessage(r));
      if (r.autoInitTurnedOn) status('aisess.autoInit is on again in this repository: `aisess run` reinstalls the hooks if they go missing');
      for (const v of refspecs?.added ?? []) status(`added git config ${describe(v)}`);
      for (const v of refspecs?.present ?? []) status(`already set: git config ${describe(v)}`);
      if (refspecs?.added.length) status(`plain \`git fetch ${refspecs.remote}\` now fetches the notes into the tracking ref; \`aisess sync\` merges them (undo: aisess init --undo)`);
      if (refspecs?.noPush) status(`no push refspec: ${refspecs.noPush}`);
    }
    return ExitCode.ok;
  },
});

function describe(v: ConfigValue): string {
  return `${v.key} ${v.value}`;
}
