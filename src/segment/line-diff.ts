/**
 * Pure: which lines two texts share, by Myers' O(ND) difference algorithm in linear space (the
 * "middle snake" refinement, as GNU diff and git's xdiff use it). Content-level binding asks, line by
 * line, whether a change's lines are present in a commit; an alignment answers that for many
 * versions of one file at once. Lines are interned to numbers so comparison is cheap.
 */

export interface Alignment {
  /** keptOld[i] is 1 when line i of the old text is in the new one (unchanged). */
  keptOld: Uint8Array;
  keptNew: Uint8Array;
}

/** Past this many edits the alignment stops looking for the shortest script (like git's xdl heuristics). */
const MAX_COST = 4096;

/** Splits a text into lines; a final newline does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Interns lines of several texts into one numbering, so equal lines get equal numbers. */
export class LineTable {
  private readonly ids = new Map<string, number>();
  intern(lines: readonly string[]): Int32Array {
    const out = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      let id = this.ids.get(line);
      if (id === undefined) this.ids.set(line, (id = this.ids.size));
      out[i] = id;
    }
    return out;
  }
}

export function align(a: Int32Array, b: Int32Array): Alignment {
  const keptOld = new Uint8Array(a.length);
  const keptNew = new Uint8Array(b.length);
  new Differ(a, b, keptOld, keptNew).run();
  return { keptOld, keptNew };
}

class Differ {
  private readonly fwd: Int32Array;
  private readonly bwd: Int32Array;
  private readonly offset: number;
  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    private readonly keptOld: Uint8Array,
    private readonly keptNew: Uint8Array,
  ) {
    const size = 2 * (a.length + b.length) + 3;
    this.fwd = new Int32Array(size);
    this.bwd = new Int32Array(size);
    this.offset = a.length + b.length + 1;
  }

  run(): void {
    this.compare(0, this.a.length, 0, this.b.length);
  }

  /** Aligns a[lo1, hi1) with b[lo2, hi2): common ends directly, the middle by its middle snake. */
  private compare(lo1: number, hi1: number, lo2: number, hi2: number): void {
    const { a, b } = this;
    for (;;) {
      while (lo1 < hi1 && lo2 < hi2 && a[lo1] === b[lo2]) this.keep(lo1++, lo2++);
      while (lo1 < hi1 && lo2 < hi2 && a[hi1 - 1] === b[hi2 - 1]) this.keep(--hi1, --hi2);
      if (lo1 === hi1 || lo2 === hi2) return;
      const snake = this.middleSnake(lo1, hi1, lo2, hi2);
      if (snake === null) return this.greedyTail(lo1, hi1, lo2, hi2);
      const [x, y, u, v] = snake;
      for (let i = 0; i < u - x; i++) this.keep(x + i, y + i);
      // Recurse into the smaller half, loop on the larger: the stack stays shallow.
      if (x - lo1 + (y - lo2) < hi1 - u + (hi2 - v)) {
        this.compare(lo1, x, lo2, y);
        [lo1, lo2] = [u, v];
      } else {
        this.compare(u, hi1, v, hi2);
        [hi1, hi2] = [x, y];
      }
    }
  }

  private keep(i: number, j: number): void {
    this.keptOld[i] = 1;
    this.keptNew[j] = 1;
  }

  /**
   * The middle snake of the shortest edit script of a[lo1,hi1) to b[lo2,hi2): [x, y, u, v] with
   * a[x,u) = b[y,v). null when the script costs more than MAX_COST (then the caller settles for less).
   */
  private middleSnake(lo1: number, hi1: number, lo2: number, hi2: number): [number, number, number, number] | null {
    const { a, b, fwd, bwd, offset } = this;
    const n = hi1 - lo1;
    const m = hi2 - lo2;
    const delta = n - m;
    const odd = (delta & 1) !== 0;
    const dmax = Math.ceil((n + m) / 2);
    fwd[offset + 1] = 0;
    bwd[offset + 1] = 0;
    for (let d = 0; d <= dmax && d <= MAX_COST; d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && fwd[offset + k - 1]! < fwd[offset + k + 1]!) ? fwd[offset + k + 1]! : fwd[offset + k - 1]! + 1;
        let y = x - k;
        const x0 = x;
        while (x < n && y < m && a[lo1 + x] === b[lo2 + y]) x++, y++;
        fwd[offset + k] = x;
        const c = delta - k;
        if (odd && c >= -(d - 1) && c <= d - 1 && x + bwd[offset + c]! >= n) {
          return [lo1 + x0, lo2 + x0 - k, lo1 + x, lo2 + y];
        }
      }
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && bwd[offset + k - 1]! < bwd[offset + k + 1]!) ? bwd[offset + k + 1]! : bwd[offset + k - 1]! + 1;
        let y = x - k;
        const x0 = x;
        while (x < n && y < m && a[hi1 - 1 - x] === b[hi2 - 1 - y]) x++, y++;
        bwd[offset + k] = x;
        const c = delta - k;
        if (!odd && c >= -d && c <= d && x + fwd[offset + c]! >= n) {
          return [hi1 - x, hi2 - y, hi1 - x0, hi2 - x0 + k];
        }
      }
    }
    return null;
  }

  /** Too costly to be exact: keep lines that match in order, by a greedy walk (never wrong, maybe not minimal). */
  private greedyTail(lo1: number, hi1: number, lo2: number, hi2: number): void {
    const positions = new Map<number, number[]>();
    for (let j = hi2 - 1; j >= lo2; j--) {
      const list = positions.get(this.b[j]!);
      if (list) list.push(j);
      else positions.set(this.b[j]!, [j]);
    }
    let next = lo2;
    for (let i = lo1; i < hi1; i++) {
      const list = positions.get(this.a[i]!);
      while (list && list.length && list.at(-1)! < next) list.pop();
      const j = list?.at(-1);
      if (j === undefined) continue;
      // Only short jumps: a long one would skip many lines for one match.
      if (j - next > 64) continue;
      list!.pop();
      this.keep(i, j);
      next = j + 1;
    }
  }
}
