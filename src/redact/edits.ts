/** Applies edits made on a concatenated stream back onto its chunks, keeping every chunk in place. */

/** Replace [start, end) of the concatenation with `insert`. Edits never overlap and are not empty. */
export interface Edit {
  start: number;
  end: number;
  insert: string;
}

export interface Applied {
  chunks: string[];
  /** For each edit (in the order given), the chunk its start fell in. */
  chunkOf: number[];
}

/** The insert goes into the chunk where the edit starts; later chunks it covers only lose bytes. */
export function applyEdits(chunks: readonly string[], edits: readonly Edit[]): Applied {
  const sorted = edits.map((edit, index) => ({ ...edit, index })).sort((a, b) => a.start - b.start);
  const out: string[] = [];
  const chunkOf = new Array<number>(edits.length).fill(0);
  let next = 0;
  let base = 0;
  for (const [ci, chunk] of chunks.entries()) {
    const end = base + chunk.length;
    let pos = base;
    let text = '';
    while (next < sorted.length && sorted[next]!.start < end) {
      const edit = sorted[next]!;
      if (edit.start >= pos) {
        text += chunk.slice(pos - base, edit.start - base) + edit.insert;
        chunkOf[edit.index] = ci;
      }
      pos = Math.max(pos, Math.min(end, edit.end));
      if (edit.end > end) break; // continues into the next chunk
      next++;
    }
    out.push(text + chunk.slice(pos - base));
    base = end;
  }
  return { chunks: out, chunkOf };
}
