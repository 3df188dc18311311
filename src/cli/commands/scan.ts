import { defineCommand } from 'citty';
import { formatScan, scanTarget } from '../../redact/scan-target.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine, status, warn } from '../output.js';

export default defineCommand({
  meta: { name: 'scan', description: 'Report what redaction finds in a session or in the notes on a commit (kinds and positions, never the secret)' },
  args: {
    target: { type: 'positional', required: true, valueHint: 'commit|session', description: 'A session id (or prefix), or a commit id, branch or tag' },
    json: { type: 'boolean', description: 'Print the findings as JSON' },
    quiet: { type: 'boolean', alias: 'q', description: 'No status lines on stderr' },
  },
  async run({ args }) {
    const report = await scanTarget(process.cwd(), String(args.target));
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
