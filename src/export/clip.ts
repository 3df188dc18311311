/** Long one-line values (an argv, a tool call's arguments) cut for reading; the JSON export keeps them whole. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A tool call's argument values, paths made relative to the session's directory. */
export function toolArgs(args: Record<string, string>, cwd: string | null, max = 160): string {
  return clip(Object.values(args).map((v) => (cwd && v.startsWith(`${cwd}/`) ? v.slice(cwd.length + 1) : v)).join(' · '), max);
}
