/**
 * argv → a command's arguments, strictly: an unknown option, a missing value or argument, or one
 * argument too many is a usage error (exit 64) naming what was wrong, with "did you mean".
 */
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { UserError } from './errors.js';
import { usageLine } from './help.js';
import { closest } from './suggest.js';

export function parseCommandArgs(cmd: Command, argv: string[]): Record<string, unknown> {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = {};
  for (const [name, flag] of Object.entries(cmd.flags)) {
    options[name] = { type: flag.type, ...(flag.short && { short: flag.short }), ...(flag.multiple && { multiple: true }) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: negativeValues(cmd, argv), options, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageError(cmd, explain(cmd, err as NodeJS.ErrnoException, argv));
  }
  const args: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(cmd.flags)) {
    const value = parsed.values[name];
    args[name] = flag.type === 'boolean' ? value === true : flag.multiple ? (value ?? []) : value;
  }
  const rest = [...parsed.positionals];
  for (const p of cmd.positionals) {
    if (p.variadic) {
      args[p.name] = rest.splice(0);
      continue;
    }
    const value = rest.shift();
    if (value === undefined && p.required) throw usageError(cmd, `'aisess ${cmd.name}' needs <${p.name}>: ${lowerFirst(p.description)}`);
    args[p.name] = value;
  }
  if (rest.length > 0) throw usageError(cmd, `unexpected argument '${rest[0]}' for 'aisess ${cmd.name}'`);
  return args;
}

/** `--idle-limit -1` is a (bad) value, not an option named 1: joined, so the command can say what is wrong with it. */
function negativeValues(cmd: Command, argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return [...out, ...argv.slice(i)];
    const flag = token.startsWith('--') ? cmd.flags[token.slice(2)] : undefined;
    const next = argv[i + 1];
    if (flag?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${token}=${next}`);
      i++;
    } else out.push(token);
  }
  return out;
}

function explain(cmd: Command, err: NodeJS.ErrnoException, argv: string[]): string {
  const token = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = argv.find((a) => a === token || a.startsWith(`${token}=`)) ?? token;
    const names = Object.keys(cmd.flags).map((n) => `--${n}`);
    const guess = closest(given.split('=')[0] ?? given, [...names, '--help']);
    return `unknown option '${given}' for 'aisess ${cmd.name}'${guess ? ` (did you mean ${guess}?)` : ''}`;
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--([\w-]+)/.exec(err.message)?.[1];
    const flag = name ? cmd.flags[name] : undefined;
    if (flag?.type === 'string') return `option '--${name}' needs a value${flag.value ? ` (${flag.value})` : ''}`;
    return `option '--${name}' takes no value`;
  }
  return err.message;
}

function usageError(cmd: Command, message: string): UserError {
  return new UserError(message, { hint: `${usageLine(cmd)}  (\`aisess ${cmd.name} --help\` for more)` });
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
