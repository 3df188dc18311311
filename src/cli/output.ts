/** stdout is data, stderr is status. Status lines honour --quiet; colour honours NO_COLOR and TTY. */
import { safeText } from '../history/safe-text.js';
import { jsonPieces } from './json-out.js';

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

/**
 * A warning is shown even with --quiet: it reports something the user must know. Warnings quote
 * foreign data (a damaged note line, a record id), so they reach the terminal made safe.
 */
export function warn(message: string): void {
  process.stderr.write(`aisess: warning: ${safeText(message, { multiline: true })}\n`);
}

/**
 * JSON as `JSON.stringify(value, null, 2)` writes it, sent in pieces of about 64 KB that wait for
 * the reader (src/cli/json-out.ts): a pipe takes 64 KB at once and Node queues the rest in memory,
 * so `show --json` of 4000 segments into a pipe peaked at 700 MB.
 */
export async function printJson(value: unknown): Promise<void> {
  await printPieces(jsonPieces(value));
  process.stdout.write('\n');
}

/** Lines on stdout, at the pace the reader takes them (see printJson). */
export async function printLines(lines: Iterable<string>): Promise<void> {
  await printPieces((function* () {
    for (const line of lines) yield `${line}\n`;
  })());
}

async function printPieces(pieces: Iterable<string>): Promise<void> {
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length < 1 << 16) continue;
    if (!process.stdout.write(pending)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    pending = '';
  }
  if (pending) process.stdout.write(pending);
}

export function printLine(line: string): void {
  process.stdout.write(`${line}\n`);
}
