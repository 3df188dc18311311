/** One finding of `aisess doctor`: what was checked, how it stands, and for a problem the command that mends it. */

export type Level = 'ok' | 'warning' | 'problem';

export interface Check {
  /** Stable name of what was checked (docs/doctor.md lists them). */
  id: string;
  level: Level;
  /** One line for people. */
  message: string;
  /** The exact command that fixes it (always present on a problem). */
  fix?: string;
  /** Facts behind the message, for `--json`. */
  data?: Record<string, unknown>;
}

export function ok(id: string, message: string, data?: Record<string, unknown>): Check {
  return { id, level: 'ok', message, ...(data && { data }) };
}

export function warning(id: string, message: string, fix?: string, data?: Record<string, unknown>): Check {
  return { id, level: 'warning', message, ...(fix !== undefined && { fix }), ...(data && { data }) };
}

export function problem(id: string, message: string, fix: string, data?: Record<string, unknown>): Check {
  return { id, level: 'problem', message, fix, ...(data && { data }) };
}

/** A check that threw is a problem of its own, never the end of the report. */
export async function guarded(id: string, run: () => Promise<Check[]>, fix = 'aisess doctor --json (and report the message)'): Promise<Check[]> {
  try {
    return await run();
  } catch (err) {
    return [problem(id, `could not be checked: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, fix)];
  }
}
