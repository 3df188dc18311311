import { realpathSync } from 'node:fs';
import { openRepo } from '../../git/repo.js';
import { initMessage, initRepo, undoInit } from '../../hooks/init.js';
import { ExitCode } from '../errors.js';
import { printJson, status, warn } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

/** The CLI as started now: the hooks call it by absolute path, without the user's PATH. */
function runtime(): { node: string; cli: string } {
  const entry = process.argv[1] ?? '';
  let cli = entry;
  try {
    cli = realpathSync(entry);
  } catch {}
  return { node: process.execPath, cli };
}

export default defineCommand({
  name: 'init',
  summary: 'Install the git hooks that bind sessions to commits (--undo removes them)',
  positionals: [],
  flags: {
    undo: { type: 'boolean', description: 'Remove exactly what init added and restore chained hooks' },
    json: jsonFlag('what was done'),
    quiet: QUIET,
  },
  async run(args) {
    const repo = await openRepo(process.cwd(), { requireWorkTree: true });
    if (args.undo) {
      const r = await undoInit(repo);
      if (args.json) await printJson({ undone: true, ...r });
      else status(r.removed.length ? `removed ${r.removed.join(', ')} from ${r.hooksDir}` : `no aisess hooks in ${r.hooksDir}`);
      return ExitCode.ok;
    }
    const r = await initRepo(repo, runtime());
    for (const w of r.warnings) warn(w);
    if (args.json) await printJson(r);
    else status(initMessage(r));
    return ExitCode.ok;
  },
});
