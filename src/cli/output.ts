/** stdout is data, stderr is status. Status lines honour --quiet; colour honours NO_COLOR and TTY. */
let quiet = false;

export function setQuiet(value: boolean): void {
  quiet = value;
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return stream.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

/** A status line on stderr, prefixed so it is told apart from the agent's own output. */
export function status(message: string): void {
  if (!quiet) process.stderr.write(`aisess: ${message}\n`);
}

/** A warning is shown even with --quiet: it reports something the user must know. */
export function warn(message: string): void {
  process.stderr.write(`aisess: warning: ${message}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(line: string): void {
  process.stdout.write(`${line}\n`);
}
