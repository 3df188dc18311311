import { isUserError, UserError } from '../../errors/user-error.js';
import { exportDocument } from '../../export/document.js';
import { FORMATS, isFormat } from '../../export/formats.js';
import { writeExportFile } from '../../export/output-file.js';
import { loadExportTarget } from '../../export/target.js';
import { openRepo } from '../../git/repo.js';
import { ExitCode } from '../errors.js';
import { whenBound } from '../settled.js';
import { status, warn } from '../output.js';
import { defineCommand, QUIET } from '../command.js';

const NAMES = Object.keys(FORMATS).join(', ');

export default defineCommand({
  name: 'export',
  summary: 'Write the sessions of a commit, a range or a session as asciicast, Markdown, JSON or HTML',
  details: [
    'Formats:',
    ...Object.entries(FORMATS).map(([name, f]) => `  ${name.padEnd(13)} ${f.description}`),
    '',
    'What is exported is what a note holds: secrets redacted, only what draws the screen (docs/export.md).',
  ].join('\n'),
  positionals: [{ name: 'target', required: true, description: 'A commit, a range A..B, or a session id (or unique prefix) of this machine' }],
  flags: {
    format: { type: 'string', short: 'f', value: 'FORMAT', description: `One of ${NAMES}` },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'Write to FILE instead of stdout' },
    force: { type: 'boolean', description: 'Overwrite FILE when it exists' },
    quiet: QUIET,
  },
  async run(args) {
    const format = args.format;
    if (format === undefined) throw new UserError(`'aisess export' needs --format: one of ${NAMES}`);
    if (!isFormat(format)) throw new UserError(`unknown format '${format}': give one of ${NAMES}`);
    if (args.force && args.output === undefined) throw new UserError('--force applies to -o FILE, and no FILE was given');
    // The page inlines the player's bundle, whose WebAssembly holds raw control bytes: never for a terminal.
    if (format === 'html' && args.output === undefined && process.stdout.isTTY) {
      throw new UserError('an HTML page is not for a terminal: give -o FILE (or redirect stdout to a file)');
    }
    // Bind what a session left pending first, as show does, so a fresh commit exports whole.
    const repo = await openRepo(process.cwd()).catch((err: unknown) => (isUserError(err, 'notRepo') ? null : Promise.reject(err)));
    if (repo) await whenBound(repo);
    const target = await loadExportTarget(args.target, process.cwd());
    for (const unit of target.units) for (const problem of unit.problems) warn(`${unit.commit?.slice(0, 12) ?? unit.subject}: skipped unreadable data (${problem})`);
    const text = await FORMATS[format].render(exportDocument(target));
    if (args.output === undefined) {
      // Resolved once written out: a reader slower than us still gets all of it.
      await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
      return ExitCode.ok;
    }
    await writeExportFile(args.output, text, args.force);
    const segments = target.units.reduce((n, u) => n + u.segments.length, 0);
    status(`wrote ${args.output} (${format}, ${segments} segment${segments === 1 ? '' : 's'} from ${target.units.length} ${target.kind === 'session' ? 'session' : `commit${target.units.length === 1 ? '' : 's'}`})`);
    return ExitCode.ok;
  },
});
