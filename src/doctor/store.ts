/**
 * The store's state: its size and sessions, what waits for a commit (what `aisess status` lists),
 * binds that failed, and the recent failures in hook.log. Read only: unlike `aisess status`, the
 * doctor binds nothing.
 */
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Repo } from '../git/repo.js';
import { readStoreSessions } from '../store/sessions.js';
import { formatSize, plural } from '../text/human.js';
import { type Check, ok, problem, warning } from './check.js';
import { hookLogFailures } from './hook-log.js';

/** Bytes of every file under dir (symlinks counted as themselves), 0 when it does not exist. */
export async function treeBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) total += await treeBytes(path);
    else total += await lstat(path).then((s) => s.size, () => 0);
  }
  return total;
}

export async function storeCheck(dir: string): Promise<Check> {
  const [bytes, { sessions, damaged }] = await Promise.all([treeBytes(dir), readStoreSessions(dir)]);
  const data = { dir, bytes, sessions: sessions.length, damaged: damaged.map((d) => d.path) };
  const size = `${plural(sessions.length, 'session')}, ${formatSize(bytes)} in ${dir}`;
  if (damaged.length > 0) return warning('store', `${size}; ${plural(damaged.length, 'session file')} damaged (\`aisess sessions\` names them)`, 'aisess sessions', data);
  return ok('store', size, data);
}

/** What `aisess status` would list, without binding first. */
export async function pendingChecks(repo: Repo, dir: string, now: number): Promise<Check[]> {
  // Loaded here, not at the top: the journal reader needs zstd, which the native check may have found broken.
  const { pendingReport } = await import('../bind/status.js');
  const report = await pendingReport(repo, dir, now);
  const waiting = report.sessions.filter((s) => s.segments.length > 0);
  const segments = waiting.reduce((n, s) => n + s.segments.length, 0);
  const unreadable = report.sessions.filter((s) => s.note !== undefined && s.segments.length === 0 && !s.live);
  const data = { sessions: waiting.length, segments, unreadable: unreadable.map((s) => ({ session: s.session, note: s.note })) };
  const checks: Check[] = [];
  if (segments === 0) checks.push(ok('pending', 'nothing waits for a commit', data));
  else checks.push(warning('pending', `${plural(segments, 'segment')} of ${plural(waiting.length, 'session')} wait for a commit`, 'aisess status (lists them, and binds any commit a hook missed)', data));
  for (const s of unreadable) checks.push(warning('pending', `session ${s.session}: ${s.note}`));
  if (report.failures.length > 0) {
    const last = report.failures.at(-1)!;
    checks.push(problem('bind-failures', `${plural(report.failures.length, 'bind')} failed; the latest, session ${last.session}: ${last.message}`, 'aisess status (tries again, and lists why each failed)', { failures: report.failures }));
  } else {
    checks.push(ok('bind-failures', 'no failed binds', { failures: [] }));
  }
  return checks;
}

/** Failures in hook.log over the last week, since binding last worked. */
export const HOOK_LOG_WINDOW_MS = 7 * 86_400_000;

/** `hooksWrittenAt`: when the post-commit hook was last written; "aisess not found" from before it is mended. */
export async function hookLogCheck(dir: string, now: number, hooksWrittenAt: number | null): Promise<Check> {
  const path = join(dir, 'hook.log');
  const [text, info] = await Promise.all([readTail(path), stat(path).catch(() => null)]);
  if (text === null || info === null) return ok('hook-log', 'no hook has logged anything yet', { path, failures: [] });
  const failures = hookLogFailures(text, info.mtimeMs, now - HOOK_LOG_WINDOW_MS)
    .filter((f) => !(f.notFound && hooksWrittenAt !== null && (f.at ?? info.mtimeMs) < hooksWrittenAt));
  const data = { path, failures };
  if (failures.length === 0) return ok('hook-log', `no hook failures in the last week (${path})`, data);
  const last = failures.at(-1)!;
  const what = `${plural(failures.length, 'hook failure')} since binding last worked (${path}); the latest: ${last.text.split('\n')[0]}`;
  if (failures.some((f) => f.notFound)) return problem('hook-log', `${what}: the hooks cannot start aisess`, 'aisess init', data);
  return warning('hook-log', what, 'aisess status (binds what the hooks missed)', data);
}

/** The last 256 KB: the log rotates at 1 MB, and only the recent part matters. */
async function readTail(path: string): Promise<string | null> {
  const buf = await readFile(path).catch(() => null);
  if (buf === null) return null;
  const tail = buf.subarray(Math.max(0, buf.length - 256 * 1024)).toString('utf8');
  return buf.length > 256 * 1024 ? tail.slice(tail.indexOf('\n') + 1) : tail;
}
