import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveAgent } from '../../agents/resolve.js';
import type { ExitStatus } from '../../journal/events.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../errors.js';
import { status, warn } from '../output.js';
import type { Command, CommandResult } from '../command.js';

export interface RunPlan {
  help: boolean;
  /** Adapter name forced with --agent. */
  agent?: string;
  captureInput: boolean;
  record: boolean;
  /** The agent and its arguments, untouched. */
  command: string[];
}

const usage = `Usage: aisess run [options] <agent> [args…]
       aisess run [options] -- <command> [args…]

Runs the agent in a pseudo-terminal and records the session. Everything from the agent's
name on is passed to it unchanged. When stdin or stdout is not a terminal (a pipe, a file),
the agent runs on pipes instead: its output passes through unchanged and is recorded too.

Options:
  --agent <name>     record under this adapter name (default: the command's name)
  --capture-input    also record keystrokes (off by default: they may hold secrets; not on pipes)
  --no-record        run the agent without recording
  -h, --help         show this help

While recording, Ctrl-] then p pauses recording and resumes it (docs/privacy.md).`;

/** Options are aisess's only up to the agent's name (or `--`); the rest is the agent's. */
export function parseRunArgs(argv: string[]): RunPlan {
  const plan: RunPlan = { help: false, captureInput: false, record: true, command: [] };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--') return { ...plan, command: argv.slice(i + 1) };
    if (!token.startsWith('-') || token === '-') return { ...plan, command: argv.slice(i) };
    if (token === '-h' || token === '--help') plan.help = true;
    else if (token === '--capture-input') plan.captureInput = true;
    else if (token === '--no-record') plan.record = false;
    else if (token.startsWith('--agent=')) plan.agent = agentName(token.slice('--agent='.length));
    else if (token === '--agent') plan.agent = agentName(argv[++i]);
    else {
      throw new UserError(`unknown option '${token}' for 'aisess run'`, {
        hint: 'options for the agent go after its name: `aisess run claude --resume`',
      });
    }
  }
  return plan;
}

function agentName(value: string | undefined): string {
  if (!value) throw new UserError("option '--agent' needs a name, e.g. `--agent claude`");
  return value;
}

/** Paths that are aisess itself, so PATH lookup never picks them as the agent. */
function selfPaths(): string[] {
  const here = fileURLToPath(import.meta.url);
  const paths = [here, join(dirname(here), '..', 'bin', 'aisess.js')];
  if (process.argv[1]) paths.push(process.argv[1]);
  return paths;
}

function toResult(status: ExitStatus): CommandResult {
  return 'signal' in status ? { signal: status.signal as NodeJS.Signals } : status.code;
}

async function runRaw(argv: string[]): Promise<CommandResult> {
  const plan = parseRunArgs(argv);
  if (plan.help) {
    process.stdout.write(`${usage}\n`);
    return ExitCode.ok;
  }
  const [name, ...args] = plan.command;
  if (name === undefined) {
    throw new UserError('no agent given', { hint: 'usage: aisess run [options] <agent> [args…]' });
  }
  const cwd = process.cwd();
  const file = resolveAgent(name, { path: process.env.PATH ?? '', cwd, selfPaths: selfPaths() });
  if (!file) {
    // Like a shell: one line and 127, so scripts that test for a missing command still work.
    process.stderr.write(`aisess: ${name}: command not found\n`);
    return 127;
  }
  const direct = async (): Promise<CommandResult> => {
    const { runDirect } = await import('../../pty/direct.js');
    return toResult(await runDirect({ file, argv0: name, args, env: process.env, cwd }));
  };
  // Inside a recorded session (an alias in the agent's shell): never record twice.
  if (process.env.AISESS_SESSION || !plan.record) return direct();
  const { recordSession, recordPiped } = await import('../../run/record.js');
  // Without a terminal (scripts, CI, editors: `claude -p … | jq`) the agent runs on pipes, still recorded.
  const record = process.stdin.isTTY && process.stdout.isTTY ? recordSession : recordPiped;
  const result = await record({ file, args, cwd, agent: plan.agent, argv: [name, ...args], captureInput: plan.captureInput });
  if (result.warning) warn(result.warning);
  for (const notice of result.notices) status(notice);
  return toResult(result.exit);
}

const run: Command = {
  name: 'run',
  summary: 'Run an agent (or any command) under the recorder',
  positionals: [],
  flags: {},
  run: () => runRaw([]),
  raw: { usage, run: runRaw },
};
export default run;
