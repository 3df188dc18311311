import { realpathSync } from 'node:fs';
import { runHook } from '../../hooks/run-hook.js';
import { ExitCode } from '../errors.js';
import { defineCommand } from '../command.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Used by the hooks `aisess init` installs; always exits 0 so git never sees a failure from us. */
export default defineCommand({
  name: 'hook',
  summary: '(internal) run by the git hooks that aisess init installs',
  hidden: true,
  positionals: [
    { name: 'name', required: true, description: 'post-commit, post-rewrite, bind (used by aisess run), or serve (the warm binder)' },
    { name: 'commit', description: 'the commit that fired post-commit, or the commit for bind' },
  ],
  flags: {
    session: { type: 'string', description: 'with bind: the only session whose segments may bind' },
    'transcript-at': { type: 'string', description: 'with bind: when aisess run flushed the session journal (epoch ms)' },
  },
  async run(args) {
    const stdin = args.name === 'post-rewrite' ? await readStdin().catch(() => '') : '';
    const at = Number(args['transcript-at']);
    const target = {
      commit: args.commit,
      ...(args.name === 'bind' && { session: args.session, ...(Number.isFinite(at) && at > 0 && { transcriptAt: at }) }),
    };
    await runHook(args.name, process.cwd(), stdin, Date.now, target, { node: process.execPath, cli: realpathSync(process.argv[1] ?? '') });
    return ExitCode.ok;
  },
});
