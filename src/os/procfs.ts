/**
 * Reading Linux's /proc, in one place. Every reader gives undefined where there is no /proc, the
 * process is gone or the file says something unexpected: callers decide what that means.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** The fields of /proc/<pid>/stat after the command name, which may hold spaces and parentheses: state first. */
export function statFields(stat: string): string[] | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).trim().split(' ');
  return fields[0] ? fields : undefined;
}

export async function readStatFields(pid: number): Promise<string[] | undefined> {
  try {
    return statFields(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function readStatFieldsSync(pid: number): string[] | undefined {
  try {
    return statFields(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** /proc/<pid>/status as text. */
export async function readStatus(pid: number): Promise<string | undefined> {
  try {
    return await readFile(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
}
