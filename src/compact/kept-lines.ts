/**
 * Lines already kept from an alternate screen, each known by the lines above it on screen. A line
 * that comes back under the same one or two lines is a redraw of the same history; an equal line
 * under other lines (a second `}` in new code) is not. A line that comes back at the top with
 * nothing above it is known by its text alone: new text does not appear there, but a redraw's first
 * line and Codex's pinned prompt of the turn at the top do. Lines below are no evidence: under a
 * full-screen TUI's history they are its fixed input box. Bounded: the oldest are forgotten first.
 */
const LIMIT = 20_000;

export class KeptLines {
  private readonly keys = new Set<string>();

  /** Row i of a frame is kept: known by its text, by each of the two lines above, and by both. */
  add(frame: readonly string[], i: number): void {
    const text = frame[i]!;
    const above = linesAbove(frame, i);
    const keys = [`=${text}`, ...above.map((a) => `^${a}\u0000${text}`)];
    if (above.length === 2) keys.push(`^${above.join('\n')}\u0000${text}`);
    for (const key of keys) {
      this.keys.delete(key);
      this.keys.add(key);
    }
    while (this.keys.size > LIMIT) this.keys.delete(this.keys.values().next().value!);
  }

  /** Row i of a frame shows a line kept before, under the same lines (as many as it has above). */
  has(frame: readonly string[], i: number): boolean {
    const above = linesAbove(frame, i);
    return this.keys.has(above.length === 0 ? `=${frame[i]!}` : `^${above.join('\n')}\u0000${frame[i]!}`);
  }
}

/** Up to two non-blank lines above row i, top first. */
function linesAbove(frame: readonly string[], i: number): string[] {
  const above: string[] = [];
  for (let k = i - 1; k >= 0 && above.length < 2; k--) if (frame[k] !== '') above.unshift(frame[k]!);
  return above;
}
