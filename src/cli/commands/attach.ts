import { openRepo } from '../../git/repo.js';
import { segmentIndexes, splitList } from '../../history/args.js';
import { attach } from '../../bind/attach.js';
import type { AttachSource } from '../../bind/attach-source.js';
import { formatDuration } from '../../text/duration.js';
import { UserError } from '../../errors/user-error.js';
import { safeText } from '../../history/safe-text.js';
import { ExitCode } from '../errors.js';
import { printJson, printLine, status, warn } from '../output.js';
import { defineCommand, jsonFlag, QUIET } from '../command.js';

export default defineCommand({
  name: 'attach',
  summary: 'Bind a recording (or some of its segments) to a commit by hand',
  positionals: [{ name: 'commit', required: true, description: 'The commit to bind to (id, branch or tag)' }],
  flags: {
    session: { type: 'string', value: 'ID', description: 'A session of this repository, by id or unique prefix' },
    segment: { type: 'string', multiple: true, value: 'N', description: 'Only segment N of the session, as `aisess status` numbers them (from 1), or a record id; comma-separate for several' },
    file: { type: 'string', value: 'PATH', description: 'A journal (.cast.zst) or asciicast v2/v3 file' },
    last: { type: 'boolean', description: 'The most recent session' },
    json: jsonFlag('what was attached'),
    quiet: QUIET,
  },
  async run(args) {
    const source = chooseSource(args.session, args.file, args.last);
    const repo = await openRepo(process.cwd(), { requireWorkTree: true });
    const segments = segmentIndexes(splitList(args.segment));
    const result = await attach(repo, process.cwd(), args.commit, source, { segments });
    for (const s of result.skipped) warn(`${result.session}: skipped unreadable data (${s})`);
    if (args.json) {
      await printJson(result);
      return ExitCode.ok;
    }
    for (const r of result.records) {
      const how = result.added.includes(r.id) ? 'attached' : result.replaced.includes(r.id) ? 'updated ' : 'already ';
      // The title is the prompt of a recording, which may be a cast file from anyone.
      printLine(`${how}  ${r.id}  ${formatDuration(r.durationMs)}  ${r.files} file${r.files === 1 ? '' : 's'}${r.title ? `  ${safeText(r.title)}` : ''}`);
    }
    status(`${result.added.length} attached, ${result.replaced.length} updated, ${result.unchanged.length} already there on ${result.commit.slice(0, 12)}`);
    return ExitCode.ok;
  },
});

function chooseSource(session: string | undefined, file: string | undefined, last: boolean): AttachSource {
  const given = [session !== undefined, file !== undefined, last].filter(Boolean).length;
  if (given !== 1) {
    throw new UserError(given === 0 ? 'say what to attach: --session ID, --file PATH or --last' : 'give only one of --session, --file and --last', {
      hint: 'e.g. `aisess attach HEAD --last`',
    });
  }
  if (session !== undefined) return { kind: 'session', id: session };
  if (file !== undefined) return { kind: 'file', path: file };
  return { kind: 'last' };
}
