import { defineCommand } from 'citty';
import { runHook } from '../../hooks/run-hook.js';
import { ExitCode } from '../errors.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Used by the hooks `aisess init` installs; always exits 0 so git never sees a failure from us. */
export default defineCommand({
  meta: { name: 'hook', description: '(internal) run by the git hooks that aisess init installs' },
  args: {
    name: { type: 'positional', required: true, description: 'post-commit or post-rewrite' },
    rest: { type: 'positional', required: false, description: "git's hook arguments (ignored)" },
  },
  async run({ args }) {
    const stdin = args.name === 'post-rewrite' ? await readStdin().catch(() => '') : '';
    await runHook(String(args.name), process.cwd(), stdin);
    return ExitCode.ok;
  },
});
