import { realpathSync } from 'node:fs';

/** The CLI as started now: the hooks call it by absolute path, without the user's PATH. */
export function cliRuntime(): { node: string; cli: string } {
  const entry = process.argv[1] ?? '';
  let cli = entry;
  try {
    cli = realpathSync(entry);
  } catch {}
  return { node: process.execPath, cli };
}
