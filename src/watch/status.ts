/**
 * Parses `git status --porcelain=v2 -z --untracked-files=all` into the dirty paths it names.
 * Fields are space-separated but paths may hold spaces, so the path is everything after the
 * fixed field count; -z keeps newlines in names intact.
 */

export type EntryKind = 'tracked' | 'renamed' | 'unmerged' | 'untracked';

export interface StatusEntry {
  path: string;
  kind: EntryKind;
  /** Two-letter index/worktree status, e.g. ".M", "A.", "R."; "??" for untracked. */
  xy: string;
  /** Blob in HEAD (ours while unmerged), null when absent: the content before it became dirty. */
  headBlob: string | null;
  /** Blob in the index (stage 0), null when absent there (unmerged, untracked, a rename's source). */
  indexBlob: string | null;
  /** Source path of a rename or copy recorded in the index. */
  from?: string;
  /** Submodules are directories: they have no blob of their own to hash. */
  submodule: boolean;
}

const ZERO = /^0+$/;

function blobOrNull(oid: string | undefined): string | null {
  return oid === undefined || ZERO.test(oid) ? null : oid;
}

/** Splits off `count` space-separated fields; the remainder (the path) keeps its spaces. */
function fields(record: string, count: number): { head: string[]; rest: string } {
  const head: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const next = record.indexOf(' ', at);
    if (next < 0) throw new Error(`malformed status record: ${JSON.stringify(record.slice(0, 80))}`);
    head.push(record.slice(at, next));
    at = next + 1;
  }
  return { head, rest: record.slice(at) };
}

export function parseStatus(out: string): StatusEntry[] {
  const records = out.split('\0');
  const entries: StatusEntry[] = [];
  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    if (rec === '') continue;
    const type = rec[0];
    if (type === '?') {
      entries.push({ path: rec.slice(2), kind: 'untracked', xy: '??', headBlob: null, indexBlob: null, submodule: false });
    } else if (type === '1') {
      const { head, rest } = fields(rec, 8);
      const submodule = head[2]![0] === 'S';
      entries.push({ path: rest, kind: 'tracked', xy: head[1]!, headBlob: blobOrNull(head[6]), indexBlob: blobOrNull(head[7]), submodule });
    } else if (type === '2') {
      const { head, rest } = fields(rec, 9);
      const from = records[++i] ?? '';
      const submodule = head[2]![0] === 'S';
      // hH names the source's HEAD blob; the source is gone from the working tree as its own record.
      entries.push({ path: rest, kind: 'renamed', xy: head[1]!, headBlob: null, indexBlob: blobOrNull(head[7]), from, submodule });
      entries.push({ path: from, kind: 'tracked', xy: 'D.', headBlob: blobOrNull(head[6]), indexBlob: null, submodule });
    } else if (type === 'u') {
      const { head, rest } = fields(rec, 10);
      entries.push({ path: rest, kind: 'unmerged', xy: head[1]!, headBlob: blobOrNull(head[8]), indexBlob: null, submodule: head[2]![0] === 'S' });
    }
    // '#' headers and '!' ignored entries are not asked for and carry no change.
  }
  return entries;
}

/** The status command the watcher runs; `-c` only, never touching the user's config. */
export function statusArgs(untrackedCache: boolean): string[] {
  const cfg = untrackedCache ? ['-c', 'core.untrackedCache=true'] : [];
  return [...cfg, 'status', '--porcelain=v2', '-z', '--untracked-files=all', '--ignore-submodules=none'];
}
