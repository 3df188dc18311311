/**
 * Pure: which rows of the last frame are on screen in the next one, and where: the same text on the
 * same row, else the same text on the nearest free row (the line moved, as a scrolled history does).
 * Lines keep their order on screen, so of moves that cross only the most that do not are taken.
 */

/** `next[i]` is the old row now on row i (undefined: a new line there), `origin[i]` the row it was on. */
export function carry<R extends { text: string }>(before: readonly R[], frame: readonly string[]): { next: (R | undefined)[]; origin: (number | undefined)[] } {
  const next: (R | undefined)[] = frame.map((text, i) => (before[i]?.text === text ? before[i] : undefined));
  const origin: (number | undefined)[] = next.map((r, i) => (r ? i : undefined));
  const free = new Map<string, number[]>();
  before.forEach((row, j) => {
    if (row.text === '' || next[j] === row) return;
    const list = free.get(row.text);
    if (list) list.push(j);
    else free.set(row.text, [j]);
  });
  frame.forEach((text, i) => {
    const js = next[i] === undefined && text !== '' ? free.get(text) : undefined;
    if (!js || js.length === 0) return;
    let best = 0;
    for (let k = 1; k < js.length; k++) if (Math.abs(js[k]! - i) < Math.abs(js[best]! - i)) best = k;
    const j = js.splice(best, 1)[0]!;
    next[i] = before[j];
    origin[i] = j;
  });
  const keep = increasingRun(origin.map((j, i) => (frame[i] === '' ? undefined : j)));
  origin.forEach((j, i) => {
    if (j !== undefined && frame[i] !== '' && !keep.has(i)) next[i] = origin[i] = undefined;
  });
  return { next, origin };
}

/**
 * Indexes of the defined values to keep so they increase from left to right, as many as can be; a
 * value above its index (a line moved up, as history scrolls) counts a little more than one moved
 * down, so a tie keeps the scroll. O(n²), run only when some moves cross.
 */
function increasingRun(values: readonly (number | undefined)[]): Set<number> {
  const at = values.flatMap((v, i) => (v === undefined ? [] : [i]));
  const crossed = at.some((i, k) => k > 0 && values[i]! <= values[at[k - 1]!]!);
  if (!crossed) return new Set(at);
  const weight = (i: number): number => (values[i]! >= i ? 1 : 0.999);
  const best: number[] = at.map(weight);
  const back = at.map(() => -1);
  at.forEach((i, k) => {
    for (let m = 0; m < k; m++) {
      if (values[at[m]!]! < values[i]! && best[m]! + weight(i) > best[k]!) {
        best[k] = best[m]! + weight(i);
        back[k] = m;
      }
    }
  });
  let k = best.indexOf(Math.max(...best));
  const run = new Set<number>();
  for (; k !== -1; k = back[k]!) run.add(at[k]!);
  return run;
}
