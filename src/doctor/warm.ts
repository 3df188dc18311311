/** The warm binder (src/bind/warm.ts): whether one serves this repository now, and for how long. */
import { readFile } from 'node:fs/promises';
import { warmServer } from '../bind/warm.js';
import { formatDuration } from '../text/duration.js';
import { type Check, ok } from './check.js';

export async function warmCheck(storeDir: string, warmBinderMs: number): Promise<Check> {
  const server = await warmServer(storeDir);
  const data = { pid: server?.pid ?? null, warmBinderMs };
  if (warmBinderMs <= 0) {
    return ok('warm-binder', `aisess.warmBinder is off: each commit starts a binder of its own (about 200 ms before its note)${server ? `; the one still running (pid ${server.pid}) leaves after its next bind` : ''}`, data);
  }
  const stay = formatDuration(warmBinderMs);
  if (!server) return ok('warm-binder', `no warm binder runs now: the next commit's binder, or \`aisess run\`, leaves one for ${stay}`, data);
  const title = await readFile(`/proc/${server.pid}/cmdline`, 'utf8').catch(() => '');
  return ok('warm-binder', `a warm binder (pid ${server.pid}${title ? `, ${title.replaceAll('\0', ' ').trim()}` : ''}) binds commits as they are made; it leaves after ${stay} without one`, data);
}
