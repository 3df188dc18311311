/**
 * What a file edit put in a file, from the same transcript line the parsers turned into a
 * `file_edit` event (claude-parse.ts, codex-parse.ts): the lines it added and removed, the whole
 * file when the tool wrote all of it, and the text an Edit inserted. The journal never needed this
 * (the watcher saw the files); `aisess import` does, to find the commits that hold an edit. Called
 * only for a line whose parse yielded a file_edit (a failed edit yields none), after that parse, so
 * the parser's state knows the tool call. Never throws.
 */
import { obj, str, type Json } from './compact.js';
import type { ClaudeState } from './claude-parse.js';
import { patchChanges } from './codex-patch.js';
import type { CodexState } from './codex-state.js';

export interface EditContent {
  /** As the agent named it: absolute (Claude, Codex items) or as the patch wrote it (relative to the session's cwd). */
  path: string;
  change: 'created' | 'edited' | 'deleted';
  /** Lines the edit added and removed, without their sign or newline. */
  added: string[];
  removed: string[];
  /** The whole file after the edit, when the tool wrote all of it (Claude Write, Codex Add File). */
  content?: string;
  /** Texts the edit inserted (Claude Edit `new_string`): present in the file right after it. */
  inserted?: string[];
}

/** Lines of a text; a final newline makes no empty last line. */
export function textLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** A Claude user line's edit: its `toolUseResult` (the file and patch) and the tool call's input. */
export function claudeEditContent(value: Json, state: ClaudeState): EditContent[] {
  const result = obj(value.toolUseResult);
  const content = obj(value.message)?.content;
  const block = Array.isArray(content) ? content.map(obj).find((b) => b?.type === 'tool_result') : undefined;
  const call = state.tools.get(str(block?.tool_use_id) ?? '');
  const path = str(result?.filePath) ?? str(call?.input.file_path);
  if (!result || !path) return [];
  const written = str(call?.input.content) ?? (result.type === 'create' ? str(result.content) : undefined);
  if (result.type === 'create') {
    const text = str(result.content) ?? written ?? '';
    return [{ path, change: 'created', added: textLines(text), removed: [], content: text }];
  }
  const { added, removed } = hunkLines(result.structuredPatch);
  const inserted = insertedTexts(call?.name, call?.input);
  return [{ path, change: 'edited', added, removed,
    ...(call?.name === 'Write' && written !== undefined && { content: written }), ...(inserted.length && { inserted }) }];
}

function hunkLines(patch: unknown): { added: string[]; removed: string[] } {
  const added: string[] = [];
  const removed: string[] = [];
  for (const hunk of Array.isArray(patch) ? patch.map(obj) : []) {
    for (const l of Array.isArray(hunk?.lines) ? hunk.lines : []) {
      if (typeof l !== 'string') continue;
      if (l.startsWith('+')) added.push(l.slice(1));
      else if (l.startsWith('-')) removed.push(l.slice(1));
    }
  }
  return { added, removed };
}

function insertedTexts(name: string | undefined, input: Json | undefined): string[] {
  if (name === 'Edit') return [str(input?.new_string) ?? ''].filter((t) => t.trim() !== '');
  if (name !== 'MultiEdit' || !Array.isArray(input?.edits)) return [];
  return input.edits.map((e) => str(obj(e)?.new_string) ?? '').filter((t) => t.trim() !== '');
}

/** A Codex line's edits: an apply_patch call's envelope, or a FileChange item's changes. */
export function codexEditContent(value: Json, state: CodexState): EditContent[] {
  const payload = obj(value.payload) ?? {};
  const item = obj(payload.item);
  if (item?.type === 'FileChange') return fileChangeContent(item.changes);
  const patch = state.calls.get(str(payload.call_id) ?? '')?.patch;
  if (!patch) return [];
  return patchChanges(patch).map((c) => ({ ...c, ...(c.change === 'created' && { content: c.added.map((l) => `${l}\n`).join('') }) }));
}

/** `{path: {type: add|update|delete, content | unified_diff, move_path}}`, as 0.169's rollout writes it. */
function fileChangeContent(changes: unknown): EditContent[] {
  return Object.entries(obj(changes) ?? {}).map(([path, raw]): EditContent => {
    const c = obj(raw) ?? {};
    const target = str(c.move_path) ?? path;
    if (c.type === 'add') {
      const text = str(c.content) ?? '';
      return { path: target, change: 'created', added: textLines(text), removed: [], content: text };
    }
    if (c.type === 'delete') return { path: target, change: 'deleted', added: [], removed: textLines(str(c.content) ?? '') };
    const diff = textLines(str(c.unified_diff) ?? '').filter((l) => !/^(?:\+\+\+|---) /.test(l));
    return { path: target, change: 'edited', added: diff.filter((l) => l.startsWith('+')).map((l) => l.slice(1)),
      removed: diff.filter((l) => l.startsWith('-')).map((l) => l.slice(1)) };
  });
}
