/**
 * Redacts every string inside a JSON-like value. A string under a key that names a secret
 * (`"password": "…"`, `"apiKey": "…"`) is a secret by where it is, even when no rule matches it.
 * Strings that hold JSON (transcript lines) are walked into, so their strings count one by one.
 */
import { identifierLike, literalValue, SECRET_KEY } from './assign.js';
import { isJsonText, mapJsonStrings } from '../text/json-text.js';
import { marker, type Finding, type Rules, type StringResult } from './types.js';

type RedactString = (s: string) => StringResult;
type LearnString = (s: string) => void;

export function redactTree<T>(value: T, text: RedactString, learn: LearnString, known: Map<string, string>, rules: Rules): { value: T; findings: Finding[] } {
  const findings: Finding[] = [];
  // Two walks: the first only learns secrets (so an early string is redacted with a later one's findings).
  learnTree(value, learn);
  const out = walk(value, '', (s, key, path) => {
    if (key !== null && SECRET_KEY.test(key) && fieldSecret(s, rules)) {
      if (s.length >= 8) known.set(s, 'secret-field');
      findings.push({ kind: 'secret-field', where: 'event', path, offset: 0, length: s.length });
      return marker('secret-field');
    }
    const r = text(s);
    for (const f of r.found) findings.push({ kind: f.kind, where: 'event', path, offset: f.start, length: f.end - f.start });
    return r.text;
  }) as T;
  return { value: out, findings };
}

/** Every string's secrets, learned; the value itself is left alone. */
export function learnTree(value: unknown, learn: LearnString): void {
  walk(value, '', (s) => (learn(s), s));
}

function fieldSecret(s: string, rules: Rules): boolean {
  return s.length >= 4 && !/\s/.test(s) && literalValue(s) && !identifierLike(s) && !rules.allow.some((a) => a.test(s));
}

type Leaf = (s: string, key: string | null, path: string) => string;

function walk(v: unknown, path: string, f: Leaf, key: string | null = null): unknown {
  if (typeof v === 'string') return leaf(v, key, path, f);
  if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`, f, key));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, path ? `${path}.${k}` : k, f, k);
    return out;
  }
  return v;
}

/** A string holding JSON (a transcript line kept whole) is walked into: each of its strings is a leaf. */
function leaf(s: string, key: string | null, path: string, f: Leaf): string {
  if (!isJsonText(s)) return f(s, key, path);
  return mapJsonStrings(s, path, (inner, innerKey, innerPath) => leaf(inner, innerKey, innerPath, f));
}
