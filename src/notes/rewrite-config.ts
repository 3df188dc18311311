import type { Repo } from '../git/repo.js';
import { BrokenNotesRefError } from './head.js';
import { notesRef } from './ref.js';
import { ensureNotesRef, removeEmptyNotesRef } from './update.js';

export interface RewriteConfigOutcome {
  /** Whether this call changed the repository's config. */
  changed: boolean;
  /** Settings of the user's that stop amend/rebase from carrying the notes; reported, not changed. */
  warnings: string[];
}

/**
 * Makes `git commit --amend` and `git rebase` copy aisess notes: adds our ref to the multi-valued
 * notes.rewriteRef (with --add: the user's own values stay). notes.rewriteMode is left alone: its
 * default, concatenate, and cat_sort_uniq both keep every record decodable; only `ignore` loses them.
 * Also creates the notes ref, empty, when it is absent (the undo deletes it while still empty).
 */
export async function ensureRewriteConfig(repo: Repo): Promise<RewriteConfigOutcome> {
  const ref = await notesRef(repo);
  const config = await rewriteSettings(repo);
  const values = config.get('notes.rewriteref') ?? [];
  const warnings = rewriteWarnings(config);
  const covered = values.some((v) => covers(v, ref));
  if (!covered) await repo.git.run(['config', '--local', '--add', 'notes.rewriteRef', ref]);
  // git warns "notes ref … is invalid" on every amend while a plain rewriteRef value names a missing
  // ref (a glob matches none silently): before the first note, it must exist. A broken one is left
  // for show and status to report.
  if (values.includes(ref) || !covered) await ensureNotesRef(repo).catch((err: unknown) => {
    if (!(err instanceof BrokenNotesRefError)) throw err;
  });
  return { changed: !covered, warnings };
}

/** The undo: removes exactly our value (not a user's glob such as refs/notes/*). */
export async function removeRewriteConfig(repo: Repo): Promise<RewriteConfigOutcome> {
  const ref = await notesRef(repo);
  // Exit 5: the value was not there, which is the state we want.
  const out = await repo.git.run(['config', '--local', '--fixed-value', '--unset-all', 'notes.rewriteRef', ref], { okCodes: [5] });
  if (out.exitCode === 0) await removeEmptyNotesRef(repo);
  return { changed: out.exitCode === 0, warnings: [] };
}

/** A notes.rewrite* setting that stops amend and rebase from carrying aisess notes, and the command that mends it. */
export interface RewriteFinding {
  message: string;
  fix: string;
}

function rewriteWarnings(config: Map<string, string[]>): string[] {
  return rewriteFindings(config).map((f) => f.message);
}

/**
 * Pure: what in these settings (keys lower-cased, as git prints them) loses aisess notes on amend
 * or rebase. The fixes set the repository's own value, which wins over a global one.
 */
export function rewriteFindings(config: ReadonlyMap<string, readonly string[]>): RewriteFinding[] {
  const last = (key: string): string | undefined => config.get(key)?.at(-1)?.toLowerCase();
  const findings: RewriteFinding[] = [];
  if (last('notes.rewritemode') === 'ignore') {
    findings.push({ message: 'notes.rewriteMode is "ignore": amend and rebase will drop aisess notes', fix: 'git config notes.rewriteMode concatenate' });
  }
  for (const cmd of ['amend', 'rebase']) {
    if (/^(false|no|off|0)$/.test(last(`notes.rewrite.${cmd}`) ?? '')) {
      findings.push({ message: `notes.rewrite.${cmd} is false: ${cmd} will not carry aisess notes`, fix: `git config notes.rewrite.${cmd} true` });
    }
  }
  return findings;
}

/** Whether notes.rewriteRef (a value or a glob) names the ref. */
export function rewriteRefCovers(config: ReadonlyMap<string, readonly string[]>, ref: string): boolean {
  return (config.get('notes.rewriteref') ?? []).some((v) => covers(v, ref));
}

/** git's rewriteRef values may be globs (refs/notes/*); a ref covered by one needs no entry of its own. */
function covers(pattern: string, ref: string): boolean {
  if (!pattern.includes('*')) return pattern === ref;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(ref);
}

/** Every notes.rewrite* setting in one call; keys come lower-cased from git. */
export async function rewriteSettings(repo: Repo): Promise<Map<string, string[]>> {
  const out = await repo.git.run(['config', '--get-regexp', '^notes\\.rewrite'], { okCodes: [1] });
  const map = new Map<string, string[]>();
  for (const line of out.stdout.split('\n').filter(Boolean)) {
    const sp = line.indexOf(' ');
    const key = sp < 0 ? line : line.slice(0, sp);
    map.set(key, [...(map.get(key) ?? []), sp < 0 ? '' : line.slice(sp + 1).trim()]);
  }
  return map;
}
