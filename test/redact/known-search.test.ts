import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cachedIndex, findKnown } from '../../src/redact/scan.js';
import { secretLike } from '../../src/redact/across.js';

type Hit = { kind: string; start: number; end: number };

/** The search as first written, text by text with indexOf and position by position: the model. */
function model(view: string, known: ReadonlyMap<string, string>): { whole: Hit[]; pieces: Hit[] } {
  const whole: Hit[] = [];
  for (const [text, kind] of known) {
    if (text.length >= 12) continue;
    for (let at = view.indexOf(text); at !== -1; at = view.indexOf(text, at + text.length)) whole.push({ kind, start: at, end: at + text.length });
  }
  const grams = new Map<string, { text: string; at: number; kind: string }[]>();
  for (const [secret, kind] of known) {
    for (const m of secret.matchAll(/[\w+/=.~!@#$%^&*:?-]{12,}/g)) {
      for (let at = 0; at + 12 <= m[0].length; at++) {
        const gram = m[0].slice(at, at + 12);
        if (!(m.index === 0 && at === 0) && !secretLike(gram)) continue;
        grams.set(gram, [...(grams.get(gram) ?? []), { text: m[0], at, kind }]);
      }
    }
  }
  const pieces: Hit[] = [];
  for (let i = 0; i + 12 <= view.length; i++) {
    const places = grams.get(view.slice(i, i + 12));
    if (!places) continue;
    let best = { kind: '', start: i, end: i };
    for (const { text, at, kind } of places) {
      let back = 0;
      while (back < at && back < i && view[i - back - 1] === text[at - back - 1]) back++;
      let end = i + 12;
      while (end < view.length && at + (end - i) < text.length && view[end] === text[at + (end - i)]) end++;
      if (end - (i - back) > best.end - best.start) best = { kind, start: i - back, end };
    }
    pieces.push(best);
    i = best.end - 1;
  }
  return { whole, pieces };
}

const byPlace = (hits: Hit[]) => [...hits].sort((a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind));

describe('the known-secret search', () => {
  it('finds what searching text by text finds: every short secret, every maximal piece (property)', () => {
    // A small alphabet so that secrets share pieces and views hold near misses.
    const char = fc.constantFrom(...'aB3xY9-_ .=\n'.split(''));
    const secret = fc.array(char, { minLength: 8, maxLength: 30 }).map((cs) => cs.join(''));
    const knownArb = fc.array(fc.tuple(secret, fc.constantFrom('k1', 'k2')), { minLength: 1, maxLength: 6 }).map((kv) => new Map(kv));
    fc.assert(
      fc.property(knownArb, fc.array(fc.oneof(fc.nat(5), fc.array(char, { maxLength: 10 }).map((cs) => cs.join(''))), { maxLength: 12 }), fc.nat(40), (known, parts, cut) => {
        const secrets = [...known.keys()];
        // Views built of whole secrets, their prefixes and suffixes, and noise.
        const view = parts.map((p) => (typeof p === 'number' ? (p % 2 ? secrets[p % secrets.length]!.slice(cut % 10) : secrets[p % secrets.length]!.slice(0, 8 + (cut % 20))) : p)).join('');
        const got = findKnown(view, cachedIndex(known));
        const want = model(view, known);
        assert.deepEqual(byPlace(got.whole), byPlace(want.whole));
        assert.deepEqual(got.pieces, want.pieces);
      }),
      { numRuns: 3000 },
    );
  });

  it('an index follows its known map as it grows', () => {
    const known = new Map([['Ab3xY9Ab3x', 'k1']]);
    assert.equal(findKnown('..Ab3xY9Ab3x..', cachedIndex(known)).whole.length, 1);
    known.set('Zz9-Qq8_Ww7=', 'k2');
    assert.deepEqual(findKnown('Zz9-Qq8_Ww7=', cachedIndex(known)).pieces, [{ kind: 'k2', start: 0, end: 12 }]);
  });
});
