/** Reading text out of an @xterm/headless buffer: rows joined into the logical lines they wrap from. */
import type xterm from '@xterm/headless';

export type Buffer = xterm.IBuffer;
export type BufferLine = xterm.IBufferLine;

/** Logical lines of buffer rows [from, to): a soft-wrapped row continues the line above it. */
export function logicalLines(buffer: Buffer, from: number, to: number): string[] {
  const lines: string[] = [];
  for (let y = from; y < to; y++) {
    const row = buffer.getLine(y);
    if (!row) continue;
    // Untrimmed, so spaces at a wrap point survive; the whole line is trimmed once joined.
    const text = row.translateToString(false);
    if (row.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  return lines.map((l) => l.trimEnd());
}

/** The visible screen of a buffer, from viewport row `skip` down. */
export function viewportLines(buffer: Buffer, rows: number, skip = 0): string[] {
  return logicalLines(buffer, buffer.baseY + skip, buffer.baseY + rows);
}

/**
 * The visible rows one by one, trailing spaces trimmed: a full-screen TUI places every row itself.
 * Rows outside [from, to] are taken from `last` (they did not change) when it has as many rows.
 */
export function screenRows(buffer: Buffer, rows: number, last?: readonly string[], from = 0, to = rows - 1): string[] {
  const reuse = last?.length === rows;
  const out: string[] = [];
  for (let y = 0; y < rows; y++) {
    out.push(reuse && (y < from || y > to) ? last[y]! : (buffer.getLine(buffer.baseY + y)?.translateToString(true).trimEnd() ?? ''));
  }
  return out;
}
