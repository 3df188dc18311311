/** Quoting for generated shell code: every value becomes one literal word. */

/** bash and zsh: single quotes, a single quote spelled '\''. */
export function quotePosix(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** fish: inside single quotes only \\ and \' are escapes. */
export function quoteFish(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** One word of a command line as a person would type it: bare when nothing in it is special to a shell. */
export function quoteArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : quotePosix(value);
}
