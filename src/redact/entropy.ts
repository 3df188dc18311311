/**
 * The last-resort rule: a random-looking token of 20–128 characters with upper case, lower case and
 * digits mixed like a generated key. Git hashes and UUIDs (hex), identifiers (made of words),
 * alphabets, integrity hashes and base64 of readable text are what code is full of, so they pass.
 */
import type { Detector, Hit } from './types.js';
import { execAll } from './matches.js';

const TOKEN = /(?<![A-Za-z0-9+/=_.-])[A-Za-z0-9][A-Za-z0-9+/_-]{19,127}={0,2}(?![A-Za-z0-9+/=_-])/g;
const INTEGRITY_TOKEN = /^sha(?:1|256|384|512)-/;
const INTEGRITY = /(?:sha1|sha256|sha384|sha512|base64,|nonce-)[-:]?$/i;

export const entropyDetector: Detector = (text) => {
  const hits: Hit[] = [];
  for (const m of execAll(TOKEN, text)) {
    const token = m[0];
    if (INTEGRITY.test(text.slice(Math.max(0, m.index - 8), m.index)) || INTEGRITY_TOKEN.test(token)) continue;
    if (looksRandom(token)) hits.push({ kind: 'high-entropy', start: m.index, end: m.index + token.length, priority: 1 });
  }
  return hits;
};

export function looksRandom(token: string): boolean {
  const body = token.replace(/=+$/, '');
  if (/^[0-9a-f-]+$/i.test(body)) return false;
  if (count(body, /[A-Z]/g) < 2 || count(body, /[a-z]/g) < 2 || count(body, /[0-9]/g) < 2) return false;
  if (shannon(body) < Math.min(4.2, Math.log2(body.length) - 0.7)) return false;
  if (wordShare(body) > 0.45 || sequentialShare(body) > 0.3) return false;
  return !readableBase64(body);
}

export function shannon(s: string): number {
  const freq = new Map<string, number>();
  for (const c of s) freq.set(c, (freq.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of freq.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

/** Share of characters in runs that read like words: `Capitalized` or `lowercase` of 4+ letters. */
function wordShare(s: string): number {
  let inWords = 0;
  for (const w of s.match(/[A-Z]?[a-z]{3,}|[A-Z]{4,}/g) ?? []) inWords += w.length;
  return inWords / s.length;
}

/** `abcdef…`, `0123…`: alphabets and tables in code. */
function sequentialShare(s: string): number {
  let steps = 0;
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) === 1) steps++;
  return steps / (s.length - 1);
}

function readableBase64(s: string): boolean {
  if (s.length < 16 || !/^[A-Za-z0-9+/]+$/.test(s)) return false;
  const bytes = Buffer.from(s, 'base64');
  let printable = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x09) printable++;
  return printable / bytes.length > 0.95;
}

function count(s: string, re: RegExp): number {
  return s.match(re)?.length ?? 0;
}
