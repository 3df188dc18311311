import { constants } from 'node:os';
import type { CommandDef } from 'citty';
import { commands, type CommandResult, type RawCommand } from './commands/index.js';
import { ExitCode, UserError, isUserError } from './errors.js';
import { safeText } from '../history/safe-text.js';
import { setQuiet } from './output.js';
import { validateFlags } from './validate.js';

const VERSION = '0.1.0';

function rootUsage(): string {
  const listed = Object.entries(commands).filter(([, c]) => !c.hidden);
  const width = Math.max(...listed.map(([name]) => name.length));
  const lines = listed.map(([name, c]) => `  ${name.padEnd(width)}  ${c.description}`);
  return [
    `aisess ${VERSION}: record AI coding sessions and bind them to git commits`,
    '',
    'Usage: aisess <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `aisess <command> --help` for a command\'s options.',
  ].join('\n');
}

/** Commands that read or write a repository's history: a failed bind there is worth one line. */
const SAYS_FAILURES = new Set(['sessions', 'replay', 'attach', 'detach', 'scan', 'init']);

async function failuresOf(cwd: string): Promise<void> {
  const [{ locateStore }, { sayFailures }] = await Promise.all([import('../store/locate.js'), import('./settled.js')]);
  const store = await locateStore(cwd);
  if (store.kind === 'repo') await sayFailures(store.dir);
}

function isRaw(cmd: CommandDef<any> | RawCommand): cmd is RawCommand {
  return typeof (cmd as RawCommand).runRaw === 'function';
}

async function dispatch(argv: string[]): Promise<CommandResult> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${rootUsage()}\n`);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const entry = commands[name];
  if (!entry) {
    throw new UserError(`unknown command '${name}'`, { hint: 'run `aisess --help` to list the commands' });
  }
  // show and log say it themselves after waiting for binders; status lists the failures.
  if (SAYS_FAILURES.has(name)) await failuresOf(process.cwd());
  const cmd = (await entry.load()).default;
  if (isRaw(cmd)) return cmd.runRaw(rest);
  const { renderUsage, runCommand } = await import('citty');
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${await renderUsage(cmd)}\n`);
    return ExitCode.ok;
  }
  await validateFlags(cmd, rest, name);
  if (rest.includes('--quiet') || rest.includes('-q')) setQuiet(true);
  const { result } = await runCommand(cmd, { rawArgs: rest });
  return result as CommandResult;
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
    return err.exitCode;
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
