/**
 * `aisess init --remote <name>`: refspecs that make plain `git fetch` (and, once pushing there is
 * allowed, plain `git push`) carry the notes, recorded so `aisess init --undo` removes exactly them.
 * The fetch refspec writes the tracking ref, never refs/notes/aisess: a fetch straight onto the
 * notes ref would overwrite local notes (a forced one) or fail on every divergence (a plain one).
 */
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { requireConfig } from '../config/aisess-config.js';
import type { Repo } from '../git/repo.js';
import { notesRef } from '../notes/index.js';
import { writeFileAtomic } from '../os/atomic-write.js';
import { resolveRemote, trackingRef } from './remote.js';

export interface ConfigValue {
  key: string;
  value: string;
}

export interface RefspecResult {
  remote: string;
  /** Values added now, each exactly as written to the repository's config. */
  added: ConfigValue[];
  /** Values that were there already (left as they are). */
  present: ConfigValue[];
  /** Why no push refspec was added, when none was. */
  noPush?: string;
}

const manifestOf = (repo: Repo): string => join(repo.commonDir, 'aisess', 'remotes.json');

export async function addNotesRefspecs(repo: Repo, name: string): Promise<RefspecResult> {
  const remote = await resolveRemote(repo, name);
  const ref = await notesRef(repo);
  const { pushRemotes } = await requireConfig(repo.git, ['pushRemotes']);
  const fetchKey = `remote.${remote.name}.fetch`;
  const pushKey = `remote.${remote.name}.push`;
  const wanted: ConfigValue[] = [{ key: fetchKey, value: `+${ref}:${trackingRef(ref, remote.name)}` }];
  let noPush: string | undefined;
  if (pushRemotes.includes(remote.name)) {
    // Once any push refspec is set, `git push <remote>` pushes only the listed ones: HEAD keeps the current branch going too.
    if ((await getAll(repo, pushKey)).length === 0) wanted.push({ key: pushKey, value: 'HEAD' });
    wanted.push({ key: pushKey, value: `${ref}:${ref}` });
  } else {
    noPush = `pushing notes to ${remote.name} is not allowed yet: \`aisess sync --push ${remote.name}\` shows what would be shared and asks, then \`aisess init --remote ${remote.name}\` adds the push refspec`;
  }
  const result: RefspecResult = { remote: remote.name, added: [], present: [], ...(noPush && { noPush }) };
  for (const v of wanted) {
    if ((await getAll(repo, v.key)).includes(v.value)) result.present.push(v);
    else {
      await repo.git.run(['config', '--local', '--add', v.key, v.value]);
      result.added.push(v);
    }
  }
  await record(repo, [...(await readManifest(repo)), ...result.added]);
  return result;
}

/** Removes exactly the values `addNotesRefspecs` added (each once, by value); returns them. */
export async function removeNotesRefspecs(repo: Repo): Promise<ConfigValue[]> {
  const removed: ConfigValue[] = [];
  for (const v of await readManifest(repo)) {
    const out = await repo.git.run(['config', '--local', '--fixed-value', '--unset', v.key, v.value], { okCodes: [5] });
    if (out.exitCode === 0) removed.push(v);
  }
  await unlink(manifestOf(repo)).catch(() => {});
  return removed;
}

async function getAll(repo: Repo, key: string): Promise<string[]> {
  const out = await repo.git.run(['config', '--local', '--get-all', key], { okCodes: [1] });
  return out.stdout.split('\n').filter((l) => l !== '');
}

async function readManifest(repo: Repo): Promise<ConfigValue[]> {
  try {
    const v = JSON.parse(await readFile(manifestOf(repo), 'utf8')) as { v: number; added: ConfigValue[] };
    return v.v === 1 && Array.isArray(v.added) ? v.added.filter((a) => typeof a.key === 'string' && typeof a.value === 'string') : [];
  } catch {
    return [];
  }
}

async function record(repo: Repo, added: ConfigValue[]): Promise<void> {
  const unique = [...new Map(added.map((a) => [`${a.key}\0${a.value}`, a])).values()];
  await mkdir(join(repo.commonDir, 'aisess'), { recursive: true });
  await writeFileAtomic(manifestOf(repo), `${JSON.stringify({ v: 1, added: unique }, null, 2)}\n`);
}
