/**
 * Pure: what a Claude Code command line asks for, and the argv that pins its transcript down.
 * `--session-id` is a real flag that names a new session; Claude rejects it next to --resume or
 * --continue unless --fork-session is given too (anthropics/claude-code#36588, #13676), so it is only
 * added to fresh sessions and forks, and never when the user gave one.
 */
import { randomUUID } from 'node:crypto';

export type ClaudeLaunch =
  /** Not a session (a subcommand, --version, --help): nothing to follow. */
  | { mode: 'none' }
  /** The session id is known: its file, from `offsetOf` it (resume) or from 0. */
  | { mode: 'exact'; id: string; resumed: boolean }
  /** --continue: the most recent transcript of the directory. */
  | { mode: 'continue' }
  /** --resume without an id opens a picker: the transcript that grows. */
  | { mode: 'pick' };

const SUBCOMMANDS = new Set(['mcp', 'plugin', 'plugins', 'migrate-installer', 'setup-token', 'doctor', 'update',
  'upgrade', 'install', 'config', 'auth', 'login', 'logout']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Flags {
  sessionId?: string;
  resume?: string | true;
  cont: boolean;
  fork: boolean;
  info: boolean;
}

function readFlags(args: string[]): Flags {
  const f: Flags = { cont: false, fork: false, info: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') break;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [name, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (name === '--session-id') f.sessionId = inline ?? args[++i];
    else if (name === '--resume' || name === '-r') {
      const next = inline ?? args[i + 1];
      // The value is optional (a search term opens the picker): only a UUID names a session.
      if (inline === undefined && next !== undefined && !next.startsWith('-')) i++;
      f.resume = next !== undefined && UUID.test(next) ? next : true;
    } else if (name === '--continue' || name === '-c') f.cont = true;
    else if (name === '--fork-session') f.fork = true;
    else if (['-v', '--version', '-h', '--help'].includes(name)) f.info = true;
  }
  return f;
}

/** The launch to follow, and the argv to spawn (argv[0] kept). */
export function planClaude(argv: string[], newId: () => string = randomUUID): { launch: ClaudeLaunch; argv: string[] } {
  const [cmd = 'claude', ...args] = argv;
  const f = readFlags(args);
  if (f.info || (args[0] !== undefined && SUBCOMMANDS.has(args[0]))) return { launch: { mode: 'none' }, argv };
  if (f.sessionId) return { launch: { mode: 'exact', id: f.sessionId, resumed: false }, argv };
  const resuming = f.resume !== undefined || f.cont;
  if (!resuming || f.fork) {
    const id = newId();
    return { launch: { mode: 'exact', id, resumed: false }, argv: [cmd, '--session-id', id, ...args] };
  }
  if (typeof f.resume === 'string') return { launch: { mode: 'exact', id: f.resume, resumed: true }, argv };
  return { launch: f.cont ? { mode: 'continue' } : { mode: 'pick' }, argv };
}
