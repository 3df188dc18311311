import { defineCommand } from 'citty';
import { openStore } from '../../store/open.js';
import { journalPath, listSessions } from '../../store/sessions.js';
import { TABLE_HEADINGS, formatTable, sessionRow } from '../../store/table.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine, status } from '../output.js';

export default defineCommand({
  meta: { name: 'sessions', description: 'List recorded sessions of this repository (newest first)' },
  args: {
    json: { type: 'boolean', description: 'Print the sessions as JSON' },
    quiet: { type: 'boolean', alias: 'q', description: 'No status lines on stderr' },
  },
  async run({ args }) {
    const store = await openStore(process.cwd());
    const sessions = await listSessions(store);
    if (args.json) {
      printJson(sessions.map((meta) => ({ ...meta, path: journalPath(store, meta) })));
      return ExitCode.ok;
    }
    if (sessions.length === 0) {
      status(`no sessions recorded yet in ${store.dir}`);
      return ExitCode.ok;
    }
    const now = Date.now();
    for (const line of formatTable([[...TABLE_HEADINGS], ...sessions.map((m) => sessionRow(m, now))])) printLine(line);
    return ExitCode.ok;
  },
});
