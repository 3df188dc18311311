import { formatScan, scanTarget } from '../../history/scan.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine, status, warn } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

export default defineCommand({
  name: 'scan',
  summary: "Report what redaction finds in a session or a commit's notes (kinds and positions, never the secret)",
  positionals: [{ name: 'target', required: true, description: 'A session id (or prefix), or a commit id, branch or tag' }],
  flags: { json: jsonFlag('the findings'), quiet: QUIET },
  async run(args) {
    const report = await scanTarget(process.cwd(), args.target);
    for (const d of report.damaged ?? []) warn(`not scanned, damaged on ${report.target.id.slice(0, 12)}: ${d}`);
    if (args.json) {
      await printJson(report);
      return ExitCode.ok;
    }
    for (const line of formatScan(report)) printLine(line);
    const count = report.parts.reduce((n, p) => n + p.findings.length, 0);
    status(`${report.target.type} ${report.target.id}: ${count} finding${count === 1 ? '' : 's'} in ${report.parts.length} part${report.parts.length === 1 ? '' : 's'}`);
    return ExitCode.ok;
  },
});
