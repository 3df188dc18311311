import { defaultRuntime } from '../../hooks/init.js';
import { runDoctor } from '../../doctor/doctor.js';
import { checkLine, summaryLine } from '../../doctor/format.js';
import { safeText } from '../../history/safe-text.js';
import { ExitCode } from '../errors.js';
import { printJson, printLines, status } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';
import { cliRuntime } from '../runtime.js';

export default defineCommand({
  name: 'doctor',
  summary: 'Check git, the native modules, hooks, notes config, agents and the store; say how to fix each problem',
  details: [
    'One line per check: ok, warning or problem; a problem line ends with the command that fixes it.',
    'Nothing is changed (unlike `aisess status`, nothing is bound). Outside a repository only the install is checked.',
    `Exit status: 0 when no check found a problem (warnings allowed), ${ExitCode.problemsFound} when one did. --json: docs/doctor.md.`,
  ].join('\n'),
  positionals: [],
  flags: { json: jsonFlag('the checks: {version, problems, warnings, checks: [{id, level, message, fix?, data?}]}'), quiet: QUIET },
  async run(args) {
    const runtime = cliRuntime();
    const report = await runDoctor({ cwd: process.cwd(), env: process.env, runtimes: [runtime, defaultRuntime()], selfPaths: [runtime.cli, defaultRuntime().cli] });
    if (args.json) await printJson({ version: 1, problems: report.problems, warnings: report.warnings, checks: report.checks });
    else {
      await printLines(report.checks.map((c) => safeText(checkLine(c))));
      status(summaryLine(report));
    }
    return report.problems > 0 ? ExitCode.problemsFound : ExitCode.ok;
  },
});
