/**
 * Pure: what a Codex command line asks for. Codex takes no flag that names a new session, so a fresh
 * session (interactive, `exec`, `review`, `fork`, a prompt) is found as the new rollout whose session_meta cwd
 * is ours; `resume <id>` (also under `exec`) names its rollout; `resume --last` is the newest one.
 */
import { resolve } from 'node:path';

export type CodexLaunch =
  | { mode: 'none' }
  | { mode: 'fresh' }
  | { mode: 'resume'; id: string }
  | { mode: 'last' }
  | { mode: 'pick' };

const VALUED = new Set(['-c', '--config', '-i', '--image', '-m', '--model', '-p', '--profile', '-s', '--sandbox',
  '-a', '--ask-for-approval', '-C', '--cd', '--add-dir', '--local-provider', '--enable', '--disable',
  '-o', '--output-last-message', '--output-schema', '--color']);
const SESSIONLESS = new Set(['login', 'logout', 'mcp', 'mcp-server', 'app-server', 'completion', 'sandbox', 'debug',
  'apply', 'a', 'cloud', 'features', 'help', 'generate-ts', 'responses-api-proxy', 'stdio-to-uds']);

interface Scan {
  words: string[];
  cd?: string;
  last: boolean;
  info: boolean;
}

/** Positional words, with option values skipped; `-C dir` remembered. */
function scan(args: string[]): Scan {
  const s: Scan = { words: [], last: false, info: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      s.words.push(...args.slice(i + 1));
      break;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (VALUED.has(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (name === '-C' || name === '--cd') s.cd = value;
    } else if (name === '--last') s.last = true;
    else if (['-h', '--help', '-V', '--version'].includes(name)) s.info = true;
    else if (!a.startsWith('-') || a === '-') s.words.push(a);
  }
  return s;
}

export function planCodex(argv: string[], cwd: string): { launch: CodexLaunch; cwd: string } {
  const s = scan(argv.slice(1));
  const dir = s.cd ? resolve(cwd, s.cd) : cwd;
  let [first, second] = s.words;
  if (first === 'exec' || first === 'e') [first, second] = [second === 'resume' ? 'resume' : 'exec', s.words[2]];
  if (s.info || (first !== undefined && SESSIONLESS.has(first))) return { launch: { mode: 'none' }, cwd: dir };
  if (first === 'resume') {
    if (s.last) return { launch: { mode: 'last' }, cwd: dir };
    return { launch: second ? { mode: 'resume', id: second } : { mode: 'pick' }, cwd: dir };
  }
  // Anything else is a prompt or a session-making subcommand (FRESH).
  return { launch: { mode: 'fresh' }, cwd: dir };
}
