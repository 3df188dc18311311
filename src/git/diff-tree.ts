/** Pure: `git diff-tree -r -z` raw output → each path's blob before and after (null: absent). */

export interface PathMove {
  path: string;
  before: string | null;
  after: string | null;
}

const ZERO = /^0+$/;

export function parseRawDiff(out: string): PathMove[] {
  const moves: PathMove[] = [];
  const parts = out.split('\0');
  for (let i = 0; i < parts.length - 1; i++) {
    const meta = parts[i]!;
    if (!meta.startsWith(':')) continue;
    const [, , src, dst] = meta.slice(1).split(' ');
    const path = parts[++i];
    if (path === undefined || src === undefined || dst === undefined) break;
    moves.push({ path, before: ZERO.test(src) ? null : src, after: ZERO.test(dst) ? null : dst });
  }
  return moves;
}
