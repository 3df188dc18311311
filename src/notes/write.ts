import type { Repo } from '../git/repo.js';
import { renderNote, type ParsedNote } from './codec.js';
import { encodePayloadLine } from './payload-line.js';
import type { NoteRecord } from './types.js';
import { updateNote, type UpdateOutcome } from './update.js';

export interface AppendOutcome extends UpdateOutcome {
  /** Ids new to the note. */
  added: string[];
  /** Ids already bound with other content: their payload was replaced. */
  replaced: string[];
  /** Ids already bound with exactly this content (a record bound twice is recognised). */
  unchanged: string[];
}

export interface RemoveOutcome extends UpdateOutcome {
  removed: string[];
}

/**
 * Adds records to a commit's note, safe against concurrent writers (see updateNote). The note is
 * rewritten normalised: summary lines first, then payload lines; lines it cannot read are kept.
 */
export async function appendRecords(repo: Repo, commit: string, records: readonly NoteRecord[]): Promise<AppendOutcome> {
  // Compress once, outside the retry loop: it is the expensive part.
  const encoded = new Map(records.map((r) => [r.id, { record: r, ...encodePayloadLine(r) }]));
  let sorted = { added: [] as string[], replaced: [] as string[], unchanged: [] as string[] };
  const edit = (note: ParsedNote): string => {
    sorted = { added: [], replaced: [], unchanged: [] };
    const list = [...note.records];
    const lines = new Map(note.lines);
    for (const { record, line, hash } of encoded.values()) {
      const at = list.findIndex((r) => r.id === record.id);
      if (at < 0) sorted.added.push(record.id), list.push(record);
      else if (note.hashes.get(record.id) === hash) sorted.unchanged.push(record.id);
      else sorted.replaced.push(record.id), list.splice(at, 1, record);
      lines.set(record.id, line);
    }
    const kept = note.kept.filter((k) => !(k.id && encoded.has(k.id)));
    return renderNote(list, kept, lines);
  };
  const ids = [...encoded.keys()];
  const outcome = await updateNote(repo, commit, edit, `aisess: bind ${describe(ids)}`);
  return { ...outcome, ...sorted };
}

/** Removes the given records (all of them, and any unreadable lines, when ids is omitted). */
export async function removeRecords(repo: Repo, commit: string, wanted?: readonly string[]): Promise<RemoveOutcome> {
  let removed: string[] = [];
  const edit = (note: ParsedNote): string => {
    const drop = (id: string | undefined): boolean => wanted === undefined || (id !== undefined && wanted.includes(id));
    const ids = [...note.records.map((r) => r.id), ...note.kept.flatMap((k) => (k.id ? [k.id] : []))];
    removed = [...new Set(ids.filter(drop))];
    const kept = note.kept.filter((k) => !drop(k.id));
    return renderNote(note.records.filter((r) => !drop(r.id)), kept, note.lines);
  };
  const outcome = await updateNote(repo, commit, edit, `aisess: detach ${wanted ? describe(wanted) : 'all records'}`);
  return { ...outcome, removed };
}

function describe(ids: readonly string[]): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
}
