/** Pure: the files an `apply_patch` envelope touches, with +/- line counts. */
import type { AgentEvent } from './types.js';

type FileEdit = Extract<AgentEvent, { kind: 'file_edit' }>;

const HEADER = /^\*\*\* (Add|Update|Delete) File: (.+)$/;
const CHANGE = { Add: 'created', Update: 'edited', Delete: 'deleted' } as const;

export function patchEdits(patch: string): FileEdit[] {
  const edits: FileEdit[] = [];
  let current: FileEdit | undefined;
  for (const line of patch.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      current = { kind: 'file_edit', path: (header[2] as string).trim(), change: CHANGE[header[1] as keyof typeof CHANGE], added: 0, removed: 0 };
      edits.push(current);
    } else if (line.startsWith('*** Move to: ') && current) {
      current.path = line.slice('*** Move to: '.length).trim();
    } else if (current && line.startsWith('+')) current.added++;
    else if (current && line.startsWith('-')) current.removed++;
    else if (line.startsWith('*** End Patch')) current = undefined;
  }
  return edits;
}
