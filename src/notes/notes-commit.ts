import { randomBytes } from 'node:crypto';
import type { GitRunner } from '../git/runner.js';
import { isObjectId } from '../git/object-id.js';

/** A note to set on an object: a blob that exists, new text, or null to remove the note. */
export type NoteChange = { object: string; blob: string } | { object: string; text: string } | { object: string; remove: true };

/**
 * Writes one notes commit with many note changes through one `git fast-import`: its `N` command
 * places each note at the fanout git would use (and re-fans the tree when the count calls for
 * it), blobs and trees go into one pack. `git mktree` writes one loose object per tree, a
 * millisecond or two each: a sync touching every fanout subtree of a big notes tree spent most of
 * its time there. fast-import must update a ref, so it writes a private one, read and deleted
 * at once; nothing points at the commit until the caller's compare-and-swap.
 */
export async function writeNotesCommit(git: GitRunner, parents: readonly string[], message: string, changes: readonly NoteChange[]): Promise<string> {
  const scratch = `refs/aisess/scratch/${process.pid}-${randomBytes(4).toString('hex')}`;
  const msg = Buffer.from(message, 'utf8');
  const parts: Buffer[] = [Buffer.from(`commit ${scratch}\nmark :1\ncommitter ${await committer(git)}\ndata ${msg.length}\n`), msg, Buffer.from('\n')];
  parents.forEach((p, i) => parts.push(Buffer.from(`${i === 0 ? 'from' : 'merge'} ${p}\n`)));
  for (const c of changes) {
    if ('blob' in c) parts.push(Buffer.from(`N ${c.blob} ${c.object}\n`));
    else if ('remove' in c) parts.push(Buffer.from(`N ${'0'.repeat(c.object.length)} ${c.object}\n`));
    else {
      const data = Buffer.from(c.text, 'utf8');
      parts.push(Buffer.from(`N inline ${c.object}\ndata ${data.length}\n`), data, Buffer.from('\n'));
    }
  }
  // get-mark prints the new commit's id on stdout: no rev-parse of the scratch ref.
  parts.push(Buffer.from('\nget-mark :1\n'));
  const commit = (await git.run(['fast-import', '--quiet'], { input: Buffer.concat(parts) })).stdout.trim();
  if (!isObjectId(commit)) throw new Error(`git fast-import gave no commit id for the merged notes: ${JSON.stringify(commit.slice(0, 100))}`);
  await git.run(['update-ref', '-d', scratch, commit]);
  return commit;
}

/** The user's committer identity and the time, as fast-import wants it; aisess's own when none is configured. */
async function committer(git: GitRunner): Promise<string> {
  const out = await git.run(['var', 'GIT_COMMITTER_IDENT'], { okCodes: [128] });
  const ident = out.stdout.trim();
  return out.exitCode === 0 && /^.* <.*> \d+ [+-]\d{4}$/.test(ident) ? ident : `aisess <aisess@localhost> ${Math.floor(Date.now() / 1000)} +0000`;
}
