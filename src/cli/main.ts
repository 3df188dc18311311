import { constants } from 'node:os';
import { UserError, isUserError } from '../errors/user-error.js';
import { safeText } from '../history/safe-text.js';
import type { Command, CommandResult } from './command.js';
import { commands } from './commands/index.js';
import { ExitCode, exitCodeOf } from './errors.js';
import { commandHelp, rootHelp } from './help.js';
import { setQuiet } from './output.js';
import { parseCommandArgs } from './parse.js';
import { closest } from './suggest.js';

const VERSION = '0.1.0';

/** Commands that read or write a repository's history: a failed bind there is worth one line. */
const SAYS_FAILURES = new Set(['sessions', 'replay', 'attach', 'detach', 'scan', 'init']);

async function failuresOf(cwd: string): Promise<void> {
  const [{ locateStore }, { sayFailures }] = await Promise.all([import('../store/locate.js'), import('./settled.js')]);
  const store = await locateStore(cwd);
  if (store.kind === 'repo') await sayFailures(store.dir);
}

async function allCommands(): Promise<Command[]> {
  return Promise.all(Object.values(commands).map(async (load) => (await load()).default));
}

async function dispatch(argv: string[]): Promise<CommandResult> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const text = `${rootHelp(VERSION, await allCommands())}\n`;
    // Without a command it is a usage error, so the help goes where errors go.
    (name === undefined ? process.stderr : process.stdout).write(text);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const load = commands[name];
  if (!load) {
    const guess = closest(name, Object.keys(commands).filter((c) => c !== 'hook'));
    throw new UserError(`unknown command '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}`, { hint: 'run `aisess --help` to list the commands' });
  }
  const cmd = (await load()).default;
  if (cmd.raw) return cmd.raw.run(rest);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${commandHelp(cmd)}\n`);
    return ExitCode.ok;
  }
  const args = parseCommandArgs(cmd, rest);
  if (args.quiet === true) setQuiet(true);
  // show and log say it themselves after waiting for binders; status lists the failures.
  if (SAYS_FAILURES.has(name)) await failuresOf(process.cwd());
  return cmd.run(args);
}

function die(result: CommandResult): void {
  if (typeof result === 'object' && result !== null) {
    // Die by the agent's signal so the calling shell sees the same status it would without aisess.
    process.removeAllListeners(result.signal);
    process.kill(process.pid, result.signal);
    // Signals such as SIGTSTP do not end the process; fall back to the shell convention.
    setTimeout(() => process.exit(128 + signalNumber(result.signal)), 50).unref();
    return;
  }
  process.exitCode = result ?? ExitCode.ok;
}

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 1;
}

/** Error messages quote what was read (a damaged note's lines and ids), so they are made safe too. */
function report(err: unknown): number {
  const safe = (text: string): string => safeText(text, { multiline: true });
  if (isUserError(err)) {
    process.stderr.write(`aisess: ${safe(err.message)}\n`);
    if (err.hint) process.stderr.write(`aisess: ${safe(err.hint)}\n`);
    return exitCodeOf(err);
  }
  process.stderr.write(`aisess: internal error (please report it)\n${safe(err instanceof Error ? String(err.stack) : String(err))}\n`);
  return ExitCode.internal;
}

// `aisess log | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? ExitCode.ok);
});

dispatch(process.argv.slice(2)).then(die, (err: unknown) => {
  process.exitCode = report(err);
});
