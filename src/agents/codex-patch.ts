/** Pure: the files an `apply_patch` envelope touches, with the lines it adds and removes. */
import type { AgentEvent } from './types.js';

type FileEdit = Extract<AgentEvent, { kind: 'file_edit' }>;

/** One file of an envelope: its path (after a move), what happened to it, and its +/- lines without the sign. */
export interface PatchChange {
  path: string;
  change: FileEdit['change'];
  added: string[];
  removed: string[];
}

const HEADER = /^\*\*\* (Add|Update|Delete) File: (.+)$/;
const CHANGE = { Add: 'created', Update: 'edited', Delete: 'deleted' } as const;

export function patchChanges(patch: string): PatchChange[] {
  const changes: PatchChange[] = [];
  let current: PatchChange | undefined;
  for (const line of patch.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      current = { path: (header[2] as string).trim(), change: CHANGE[header[1] as keyof typeof CHANGE], added: [], removed: [] };
      changes.push(current);
    } else if (line.startsWith('*** Move to: ') && current) {
      current.path = line.slice('*** Move to: '.length).trim();
    } else if (current && line.startsWith('+')) current.added.push(line.slice(1));
    else if (current && line.startsWith('-')) current.removed.push(line.slice(1));
    else if (line.startsWith('*** End Patch')) current = undefined;
  }
  return changes;
}

export function patchEdits(patch: string): FileEdit[] {
  return patchChanges(patch).map((c) => ({ kind: 'file_edit', path: c.path, change: c.change, added: c.added.length, removed: c.removed.length }));
}
