import { safeText } from '../../history/safe-text.js';
import { openStore } from '../../store/open.js';
import { journalPath, listDamaged, listSessions } from '../../store/sessions.js';
import { TABLE_HEADINGS, formatTable, sessionRow } from '../../history/sessions-table.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine, status, warn } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

export default defineCommand({
  name: 'sessions',
  summary: 'List recorded sessions of this repository (newest first)',
  positionals: [],
  flags: { json: jsonFlag('the sessions'), quiet: QUIET },
  async run(args) {
    const store = await openStore(process.cwd());
    const sessions = await listSessions(store);
    // A metadata file that cannot be used is listed after the sound ones, never read as a session.
    const damaged = await listDamaged(store);
    if (args.json) {
      await printJson([
        ...sessions.map((meta) => ({ ...meta, path: journalPath(store, meta) })),
        ...damaged.map((d) => ({ id: d.id, status: 'damaged', damage: `metadata: ${d.problem}`, metadata: d.path, path: d.journal })),
      ]);
      return ExitCode.ok;
    }
    if (sessions.length === 0 && damaged.length === 0) {
      status(`no sessions recorded yet in ${store.dir}`);
      return ExitCode.ok;
    }
    const now = Date.now();
    const rows = [...sessions.map((m) => sessionRow(m, now)), ...damaged.map((d) => [d.id, '?', '?', '?', '?', 'damaged metadata'])];
    // The agent is the command line's first word (whatever `aisess run` was given), the id a file name.
    for (const line of formatTable([[...TABLE_HEADINGS], ...rows.map((r) => r.map((cell) => safeText(cell)))])) printLine(line);
    for (const d of damaged) warn(`session ${d.id}: metadata file ${d.path} is damaged (${d.problem}); ${d.journal ? `its recording is kept in ${d.journal}` : 'no journal with its name'}`);
    return ExitCode.ok;
  },
});
