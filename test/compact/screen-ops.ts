/** Random alternate screens for property tests: row writes, clears and scrolls of unique words. */
import fc from 'fast-check';

export type Op = { kind: 'write'; row: number } | { kind: 'clear'; row: number } | { kind: 'scroll'; top: number; bottom: number; by: number; fill: boolean };
export const ROWS = 8;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), row: fc.nat(ROWS - 1) }),
  fc.record({ kind: fc.constant('clear' as const), row: fc.nat(ROWS - 1) }),
  fc.record({ kind: fc.constant('scroll' as const), top: fc.nat(ROWS - 1), bottom: fc.integer({ min: 1, max: ROWS }), by: fc.integer({ min: -3, max: 4 }), fill: fc.boolean() }),
);
/** Frames, each made by a few operations. */
export const framesArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40 });

/** Words that are never alike (same length, no digits, no spinner glyphs): any change is a new line. */
export function word(n: number): string {
  let s = '';
  for (let i = 0; i < 5; i++, n = Math.floor(n / 26)) s += String.fromCharCode(97 + (n % 26));
  return `w${s}`;
}

/** The frames the operations make, and every word a frame showed. */
export function playOps(batches: Op[][]): { frames: string[][]; shown: Set<string> } {
  let counter = 0;
  const screen: string[] = Array.from({ length: ROWS }, () => '');
  const frames: string[][] = [];
  const shown = new Set<string>();
  for (const batch of batches) {
    for (const op of batch) applyOp(screen, op, () => word(counter++));
    frames.push([...screen]);
    for (const l of screen) if (l !== '') shown.add(l);
  }
  return { frames, shown };
}

function applyOp(screen: string[], op: Op, fresh: () => string): void {
  if (op.kind === 'write') screen[op.row] = fresh();
  else if (op.kind === 'clear') screen[op.row] = '';
  else {
    const top = Math.min(op.top, op.bottom - 1);
    const region = screen.slice(top, op.bottom);
    const by = Math.max(-region.length, Math.min(region.length, op.by));
    const filler = () => (op.fill ? fresh() : '');
    const moved = by >= 0 ? [...region.slice(by), ...Array.from({ length: by }, filler)] : [...Array.from({ length: -by }, filler), ...region.slice(0, region.length + by)];
    screen.splice(top, moved.length, ...moved);
  }
}
