/** Help text, one layout for every command, plain text whatever the output is (a pipe, a pager, a file). */
import type { Command } from './command.js';

const WIDTH = 22;

export function usageLine(cmd: Command): string {
  if (cmd.raw) return cmd.raw.usage.split('\n')[0]!;
  const args = cmd.positionals.map((p) => (p.required ? `<${p.name}>` : `[${p.name}${p.variadic ? '…' : ''}]`));
  const options = Object.keys(cmd.flags).length > 0 ? ['[options]'] : [];
  return ['Usage: aisess', cmd.name, ...options, ...args].join(' ');
}

export function commandHelp(cmd: Command): string {
  if (cmd.raw) return cmd.raw.usage;
  const lines = [usageLine(cmd), '', cmd.summary];
  if (cmd.details) lines.push('', cmd.details);
  if (cmd.positionals.length > 0) {
    lines.push('', 'Arguments:');
    for (const p of cmd.positionals) lines.push(row(p.required ? `<${p.name}>` : `[${p.name}${p.variadic ? '…' : ''}]`, p.description));
  }
  lines.push('', 'Options:');
  for (const [name, flag] of Object.entries(cmd.flags)) {
    const long = `--${name}${flag.type === 'string' ? ` ${flag.value ?? 'VALUE'}` : ''}`;
    lines.push(row(flag.short ? `-${flag.short}, ${long}` : `    ${long}`, flag.description + (flag.multiple ? ' (may be repeated)' : '')));
  }
  lines.push(row('-h, --help', 'Show this help'));
  return lines.join('\n');
}

export function rootHelp(version: string, commands: readonly Command[]): string {
  const listed = commands.filter((c) => !c.hidden);
  const width = Math.max(...listed.map((c) => c.name.length));
  return [
    `aisess ${version}: record AI coding sessions and bind them to git commits`,
    '',
    'Usage: aisess <command> [options]',
    '',
    'Commands:',
    ...listed.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `aisess <command> --help` for a command\'s arguments and options.',
  ].join('\n');
}

function row(left: string, text: string): string {
  const cell = `  ${left}`;
  return cell.length < WIDTH ? `${cell.padEnd(WIDTH)}${text}` : `${cell}\n${' '.repeat(WIDTH)}${text}`;
}
