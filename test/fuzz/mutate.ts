/**
 * Arbitraries that damage real input the way the world does: cut short, bits flipped, bytes spliced
 * in or lost, pieces repeated; and for JSON lines, keys dropped, types swapped, strings made huge,
 * values nested deep, text that is no longer JSON.
 */
import fc from 'fast-check';

type Edit =
  | { op: 'cut'; at: number }
  | { op: 'flip'; at: number; bit: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'repeat'; at: number; length: number };

const where = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
/** Text spliced in: random characters, control bytes, or pieces that look like structure. */
export const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\n', '\r\n', '\0', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\x1b', '\x1b[', '\uFFFD', '\uD800', 'aisess2 ', '# aisess '),
);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('cut' as const), at: where }),
  fc.record({ op: fc.constant('flip' as const), at: where, bit: fc.nat(15) }),
  fc.record({ op: fc.constant('insert' as const), at: where, text: junk }),
  fc.record({ op: fc.constant('delete' as const), at: where, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: where, length: fc.integer({ min: 1, max: 64 }) }),
);

function applyEdit(text: string, e: Edit): string {
  const at = Math.floor(e.at * (text.length + 1));
  switch (e.op) {
    case 'cut': return text.slice(0, at);
    case 'flip': return at < text.length ? text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << e.bit)) + text.slice(at + 1) : text;
    case 'insert': return text.slice(0, at) + e.text + text.slice(at);
    case 'delete': return text.slice(0, at) + text.slice(at + e.length);
    case 'repeat': return text.slice(0, at + e.length) + text.slice(at);
  }
}

/** `base` with one to four edits applied. */
export function damaged(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([text, edits]) => edits.reduce(applyEdit, text));
}

/** The same edits on bytes (a flip flips a bit of one byte). */
export function damagedBytes(base: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer> {
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([buf, edits]) => edits.reduce(applyByteEdit, buf));
}

function applyByteEdit(buf: Buffer, e: Edit): Buffer {
  const at = Math.floor(e.at * (buf.length + 1));
  switch (e.op) {
    case 'cut': return buf.subarray(0, at);
    case 'flip': {
      const out = Buffer.from(buf);
      if (at < out.length) out[at] = out[at]! ^ (1 << (e.bit % 8));
      return out;
    }
    case 'insert': return Buffer.concat([buf.subarray(0, at), Buffer.from(e.text, 'latin1'), buf.subarray(at)]);
    case 'delete': return Buffer.concat([buf.subarray(0, at), buf.subarray(at + e.length)]);
    case 'repeat': return Buffer.concat([buf.subarray(0, at + e.length), buf.subarray(at)]);
  }
}

type JsonEdit =
  | { op: 'drop' | 'huge' | 'deep'; pick: number; size: number }
  | { op: 'swap'; pick: number; value: unknown };

const DEEP = '\u0000aisess-fuzz-deep\u0000';
const jsonEdit = (maxPower: number): fc.Arbitrary<JsonEdit> => fc.oneof(
  fc.record({ op: fc.constantFrom('drop' as const, 'huge' as const, 'deep' as const), pick: fc.nat(), size: fc.integer({ min: 1, max: maxPower }) }),
  fc.record({ op: fc.constant('swap' as const), pick: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, 0, -1, 1e308, '', [], {}, true)) }),
);

/**
 * A JSON line with one to three of its values changed: a key dropped, a value of another type, a
 * string of up to 10^maxPower characters, or a value nested as deep (default 100 000).
 */
export function damagedJson(lines: fc.Arbitrary<string>, maxPower = 5): fc.Arbitrary<string> {
  return fc.tuple(lines, fc.array(jsonEdit(maxPower), { minLength: 1, maxLength: 3 })).map(([line, edits]) => {
    let value: unknown = JSON.parse(line);
    let deep = 0;
    for (const e of edits) {
      value = editAt(value, e, (d) => (deep = Math.max(deep, d)));
    }
    const text = JSON.stringify(value);
    return deep ? text.replace(JSON.stringify(DEEP), `${'['.repeat(deep)}1${']'.repeat(deep)}`) : text;
  });
}

function editAt(root: unknown, e: JsonEdit, deep: (levels: number) => void): unknown {
  const slots = slotsOf(root);
  if (slots.length === 0) return root;
  const [holder, key] = slots[e.pick % slots.length]!;
  const set = (v: unknown) => (holder as Record<string | number, unknown>)[key] = v;
  if (e.op === 'swap') set(e.value);
  else if (e.op === 'huge') set('x'.repeat(10 ** e.size + 7));
  else if (e.op === 'deep') {
    deep(10 ** e.size);
    set(DEEP);
  } else if (Array.isArray(holder)) holder.splice(key as number, 1);
  else delete (holder as Record<string, unknown>)[key as string];
  return root;
}

/** Every (container, key) in a JSON value, breadth first, at most 200. */
function slotsOf(root: unknown): [object, string | number][] {
  const out: [object, string | number][] = [];
  const queue: unknown[] = [root];
  while (queue.length && out.length < 200) {
    const v = queue.shift();
    if (v === null || typeof v !== 'object') continue;
    for (const [k, child] of Object.entries(v)) {
      out.push([v, Array.isArray(v) ? Number(k) : k]);
      queue.push(child);
    }
  }
  return out;
}

/** A JSON line as an agent might never write it: random text, random JSON, or a real line damaged either way. */
export function hostileJsonLines(real: readonly string[]): fc.Arbitrary<string> {
  const line = fc.constantFrom(...real);
  return fc.oneof(
    { weight: 2, arbitrary: line },
    { weight: 3, arbitrary: damagedJson(line) },
    { weight: 2, arbitrary: damaged(line) },
    { weight: 1, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.json() },
  );
}
