/**
 * Pure: a value → the text `JSON.stringify(value, null, 2)` makes, in pieces. `show --json` of a
 * note with 4000 segments built one 80 MB string (and its 80 MB copy to write), peaking at 675 MB;
 * in pieces, only one segment's text is held at a time.
 */

/** Containers up to this deep are written member by member; deeper values as one piece each. */
const STREAM_DEPTH = 3;

export function* jsonPieces(value: unknown, indent = '', depth = STREAM_DEPTH): Generator<string> {
  if (depth > 0 && Array.isArray(value)) yield* arrayPieces(value, indent, depth);
  else if (depth > 0 && isPlainObject(value)) yield* objectPieces(value, indent, depth);
  // Strings hold no raw newline in JSON, so every newline is the layout's own.
  else yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
}

function* arrayPieces(items: readonly unknown[], indent: string, depth: number): Generator<string> {
  if (items.length === 0) return yield '[]';
  const inner = `${indent}  `;
  yield '[';
  for (let i = 0; i < items.length; i++) {
    yield `${i === 0 ? '' : ','}\n${inner}`;
    yield* jsonPieces(items[i], inner, depth - 1);
  }
  yield `\n${indent}]`;
}

function* objectPieces(obj: Record<string, unknown>, indent: string, depth: number): Generator<string> {
  // JSON.stringify leaves out members it cannot represent.
  const keys = Object.keys(obj).filter((k) => !['undefined', 'function', 'symbol'].includes(typeof obj[k]));
  if (keys.length === 0) return yield '{}';
  const inner = `${indent}  `;
  yield '{';
  for (const [i, key] of keys.entries()) {
    yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* jsonPieces(obj[key], inner, depth - 1);
  }
  yield `\n${indent}}`;
}

/** Objects JSON.stringify writes member by member as they are: no toJSON, plain prototype. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
