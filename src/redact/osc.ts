/**
 * Which OSC sequences leak the machine: window/icon titles (0, 1, 2: usually user@host:path),
 * the cwd (7, and ConEmu's 9;9), hyperlinks to local files (8 with a file: URI), the clipboard
 * (52), and shell-integration payloads (133 FinalTerm, 633 VS Code, 1337 iTerm2, 3008 systemd,
 * 6973 WezTerm user vars) that carry commands, cwd, host and user. Colours and web links stay.
 */
import { applyEdits, type Edit } from './edits.js';
import { tokenize, type Token } from '../term/escapes.js';

const DROPPED = new Set(['0', '1', '2', '6', '7', '52', '133', '633', '1337', '3008', '6973']);

export function leaksOsc(payload: string): boolean {
  const semi = payload.indexOf(';');
  const code = semi === -1 ? payload : payload.slice(0, semi);
  if (DROPPED.has(code)) return true;
  if (code === '8') return /;\s*file:/i.test(payload.slice(semi + 1));
  return code === '9' && payload.startsWith('9;9;');
}

/** Deletions of every leaking OSC sequence in a tokenized stream. */
export function oscDrops(s: string, tokens: readonly Token[]): Edit[] {
  const edits: Edit[] = [];
  for (const t of tokens) {
    if (t.type === 'osc' && leaksOsc(s.slice(t.payloadStart, t.payloadEnd))) edits.push({ start: t.start, end: t.end, insert: '' });
  }
  return edits;
}

/** Pure stream transform: the chunks with leaking OSC sequences removed, even across chunk boundaries. */
export function filterOsc(chunks: readonly string[]): string[] {
  const s = chunks.join('');
  return applyEdits(chunks, oscDrops(s, tokenize(s))).chunks;
}
