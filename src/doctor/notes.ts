/**
 * Whether notes follow commits and travel: notes.rewrite* (amend and rebase carry the notes only
 * with our ref in notes.rewriteRef and rewriteMode not `ignore`), and which remotes' refspecs move
 * the notes ref, with aisess.pushRemote.
 */
import { readAisessConfig } from '../config/aisess-config.js';
import type { Repo } from '../git/repo.js';
import { remoteNames, remoteNotesRefspecs } from '../notes/refspecs.js';
import { rewriteFindings, rewriteRefCovers, rewriteSettings } from '../notes/rewrite-config.js';
import { type Check, ok, problem, warning } from './check.js';

/** `initialised`: `aisess init` ran here, so a missing rewriteRef was removed since (a problem), not never added. */
export async function rewriteChecks(repo: Repo, ref: string, initialised: boolean): Promise<Check[]> {
  const settings = await rewriteSettings(repo);
  const checks: Check[] = rewriteFindings(settings).map((f) => problem('notes-rewrite', f.message, f.fix));
  const values = settings.get('notes.rewriteref') ?? [];
  if (!rewriteRefCovers(settings, ref)) {
    const message = `notes.rewriteRef does not include ${ref}: amend and rebase leave aisess notes on the old commits`;
    const fix = `git config --add notes.rewriteRef ${ref}`;
    checks.unshift(initialised ? problem('notes-rewrite', message, fix, { rewriteRef: values }) : warning('notes-rewrite', `${message} (\`aisess init\` adds it)`, fix, { rewriteRef: values }));
  }
  if (checks.length === 0) checks.push(ok('notes-rewrite', `notes.rewriteRef includes ${ref}: amend and rebase carry the notes`, { rewriteRef: values }));
  return checks;
}

export async function remotesCheck(repo: Repo, ref: string): Promise<Check> {
  const [refspecs, remotes, { config }] = await Promise.all([remoteNotesRefspecs(repo, ref), remoteNames(repo), readAisessConfig(repo.git)]);
  const pushRemotes = config.pushRemotes;
  const data = { pushRemotes, syncRemote: config.syncRemote, refspecs, remotes };
  const unknown = pushRemotes.find((r) => !remotes.includes(r));
  if (unknown !== undefined) {
    return problem('notes-remotes', `aisess.pushRemote names '${unknown}', but this repository has no remote of that name`, `git config --fixed-value --unset-all aisess.pushRemote ${unknown}`, data);
  }
  const carried = refspecs.map((r) => `remote.${r.remote}.${r.direction}`);
  const push = pushRemotes.length === 0 ? 'aisess.pushRemote is unset (aisess sync pushes nowhere without asking)' : `aisess sync may push to ${pushRemotes.join(', ')}`;
  if (carried.length === 0) return ok('notes-remotes', `no remote refspec carries ${ref} and ${push}: the notes stay in this repository`, data);
  return ok('notes-remotes', `${ref} is in ${carried.join(', ')}; ${push}`, data);
}
