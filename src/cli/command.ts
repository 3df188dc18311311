/**
 * How a command is declared: once, with its summary, arguments, options and run. The root help,
 * each command's help, parsing (src/cli/parse.ts) and "did you mean" all read this one declaration.
 */

export interface Flag {
  type: 'boolean' | 'string';
  short?: string;
  /** Shown in help as the value's name: `--segment N`. */
  value?: string;
  description: string;
  /** May be given several times (or comma-separated by the command's own reading). */
  multiple?: boolean;
}

export interface Positional {
  name: string;
  description: string;
  required?: boolean;
  /** Takes every remaining argument (last positional only). */
  variadic?: boolean;
}

/** What a command's run() may return: an exit code, or a signal to die by (the agent's). */
export type CommandResult = number | { signal: NodeJS.Signals } | void;

type FlagValue<T extends Flag> = T extends { type: 'boolean' } ? boolean : T extends { multiple: true } ? string[] : string | undefined;
type PositionalValue<T extends Positional> = T extends { variadic: true } ? string[] : T extends { required: true } ? string : string | undefined;

export type Args<F extends Record<string, Flag>, P extends readonly Positional[]> = { [K in keyof F]: FlagValue<F[K]> } & {
  [K in P[number] as K['name']]: PositionalValue<K>;
};

export interface CommandSpec<F extends Record<string, Flag>, P extends readonly Positional[]> {
  name: string;
  /** One line: the root help lists it. */
  summary: string;
  /** More paragraphs for `aisess <command> --help`. */
  details?: string;
  positionals: P;
  flags: F;
  hidden?: boolean;
  run(args: Args<F, P>): Promise<CommandResult> | CommandResult;
}

/** A declared command with its types erased, as the dispatcher holds it. */
export interface Command {
  name: string;
  summary: string;
  details?: string;
  positionals: readonly Positional[];
  flags: Record<string, Flag>;
  hidden?: boolean;
  run(args: Record<string, unknown>): Promise<CommandResult> | CommandResult;
  /** Set by commands that read their argv themselves (`run` passes the agent's untouched). */
  raw?: { usage: string; run(argv: string[]): Promise<CommandResult> };
}

export function defineCommand<const F extends Record<string, Flag>, const P extends readonly Positional[]>(spec: CommandSpec<F, P>): Command {
  return spec as unknown as Command;
}

/** Options many commands take, declared once. */
export const QUIET = { type: 'boolean', short: 'q', description: 'No status lines on stderr' } as const;

export function jsonFlag(what: string) {
  return { type: 'boolean', description: `Print ${what} as JSON` } as const;
}
