import type { TermSize } from '../journal/events.js';

/** Parses a resize event's data ("COLSxROWS"); undefined when it is not one. */
export function parseSize(data: string): TermSize | undefined {
  const m = /^(\d+)x(\d+)$/.exec(data.trim());
  if (!m) return undefined;
  return { cols: Number(m[1]), rows: Number(m[2]) };
}

/** The warning to show when the current terminal cannot fit the recording, else undefined. */
export function sizeWarning(recorded: TermSize, current: TermSize | undefined): string | undefined {
  if (!current || (current.cols >= recorded.cols && current.rows >= recorded.rows)) return undefined;
  return (
    `recorded at ${recorded.cols}x${recorded.rows}, this terminal is ${current.cols}x${current.rows}: ` +
    'the replay may wrap or scroll; enlarge the window for a faithful picture'
  );
}
