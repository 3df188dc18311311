/**
 * Pure: a change of one file, seen as its lines, and which of them a commit holds. A change owns the
 * lines it removed from the content before it and the lines it added; a commit holds one of them when
 * the commit's own diff makes it so (an added line present in the commit and absent from its parent;
 * a removed line present in the parent and absent from the commit). Presence is judged by aligning
 * texts line by line against the change's before and after, so a line is found at its place, not
 * anywhere an equal line stands. Content that is not text (binary, too large, unknown) is one
 * pseudo-line: the whole blob.
 */
import { align, type Alignment } from './line-diff.js';

/** null: the file is absent. */
export type BlobId = string | null;

/** What the binder can read: a blob's interned lines, or undefined when it is not text or unknown. */
export interface LineSource {
  lines(blob: string): Int32Array | undefined;
}

export interface ChangeShape {
  /** How many lines the change owns (0: it changed nothing). */
  readonly count: number;
  /** Per owned line: does the diff parent → commit make it so? */
  introduced(parent: BlobId, commit: BlobId): Uint8Array;
  /** Per owned line: is it so in this content (the working tree, the index, a commit's tree)? */
  applied(content: BlobId): Uint8Array;
}

const EMPTY = new Int32Array(0);

/** before undefined: the journal does not say what the path held before (the change binds whole). */
export function changeShape(before: BlobId | undefined, after: BlobId, source: LineSource): ChangeShape {
  if (before === after) return NO_CHANGE;
  const b = before === undefined ? undefined : before === null ? EMPTY : source.lines(before);
  const a = after === null ? EMPTY : source.lines(after);
  if (b === undefined || a === undefined) return wholeBlob(after);
  return new TextChange(b, a, source, after);
}

const NO_CHANGE: ChangeShape = { count: 0, introduced: () => new Uint8Array(0), applied: () => new Uint8Array(0) };

/** Content without lines: the commit holds the change when it gives the path the change's blob. */
function wholeBlob(after: BlobId): ChangeShape {
  return {
    count: 1,
    introduced: (parent, commit) => Uint8Array.of(commit === after && parent !== after ? 1 : 0),
    applied: (content) => Uint8Array.of(content === after ? 1 : 0),
  };
}

class TextChange implements ChangeShape {
  /** Indexes into before of the removed lines, then into after of the added ones. */
  private readonly removed: number[] = [];
  private readonly added: number[] = [];
  private readonly counts: { before: Map<number, number>; after: Map<number, number> };
  private readonly cache = new Map<string, Alignment>();
  constructor(
    private readonly before: Int32Array,
    private readonly after: Int32Array,
    private readonly source: LineSource,
    private readonly afterBlob: BlobId,
  ) {
    const own = align(before, after);
    own.keptOld.forEach((kept, i) => kept || this.removed.push(i));
    own.keptNew.forEach((kept, j) => kept || this.added.push(j));
    this.counts = { before: countLines(before), after: countLines(after) };
  }

  get count(): number {
    return this.removed.length + this.added.length;
  }

  introduced(parent: BlobId, commit: BlobId): Uint8Array {
    const inParent = this.applied(parent);
    const inCommit = this.applied(commit);
    return inCommit.map((here, i) => (here && !inParent[i] ? 1 : 0));
  }

  /**
   * A line that stands once in each text is found by its text alone: a commit may order it
   * differently from the working tree (a hunk staged in part), and an alignment keeps only one of
   * two lines that swapped places. Repeated lines (`}`, blank lines) are found by their place.
   */
  applied(content: BlobId): Uint8Array {
    const out = new Uint8Array(this.count);
    if (content === this.afterBlob) return out.fill(1);
    const lines = content === null ? EMPTY : this.source.lines(content);
    if (lines === undefined) return out;
    const here = countLines(lines);
    const distinct = (line: number) => (this.counts.before.get(line) ?? 0) <= 1 && (this.counts.after.get(line) ?? 0) <= 1 && (here.get(line) ?? 0) <= 1;
    const fromBefore = this.aligned('b', content, this.before, lines).keptOld;
    const toAfter = this.aligned('a', content, lines, this.after).keptNew;
    this.removed.forEach((i, n) => {
      const line = this.before[i]!;
      out[n] = (distinct(line) ? here.has(line) : fromBefore[i]) ? 0 : 1;
    });
    this.added.forEach((j, n) => {
      const line = this.after[j]!;
      out[this.removed.length + n] = (distinct(line) ? here.has(line) : toAfter[j]) ? 1 : 0;
    });
    return out;
  }

  private aligned(side: 'a' | 'b', key: BlobId, x: Int32Array, y: Int32Array): Alignment {
    const id = `${side}${key ?? ''}`;
    let found = this.cache.get(id);
    if (!found) this.cache.set(id, (found = align(x, y)));
    return found;
  }
}

function countLines(lines: Int32Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return counts;
}
