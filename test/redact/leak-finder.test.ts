import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { leakFinder } from './inject.js';

/** The plain definition leakFinder must agree with: every piece searched in every text. */
function naive(secret: string, texts: readonly string[]): string[] {
  const pieces = new Set<string>();
  for (const line of secret.split('\n')) {
    if (line.length < 12) pieces.add(line);
    for (let i = 0; i + 12 <= line.length; i++) pieces.add(line.slice(i, i + 12));
  }
  pieces.add(secret);
  pieces.delete('');
  return [...pieces].filter((p) => texts.some((t) => t.includes(p)));
}

const text = (maxLength: number) => fc.string({ maxLength, unit: fc.constantFrom('a', 'b', 'c', '\n', 'é', '😀') });

test('leakFinder over indexed (large) texts finds exactly the pieces a plain search finds', () => {
  fc.assert(fc.property(text(60), fc.array(text(20_000), { maxLength: 4 }), fc.nat(20_000), (secret, texts, at) => {
    // Padding makes the texts large enough to be indexed; the secret is planted in one of them.
    const planted = [...texts, `${'x'.repeat(70_000)}${secret.slice(at % (secret.length + 1))}`];
    assert.deepEqual(leakFinder(planted)(secret), naive(secret, planted));
  }), { numRuns: 150 });
});

test('leakFinder finds a 12-character piece at the very start and end of a large text', () => {
  const secret = 'ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const texts = [`${secret.slice(0, 12)}${'-'.repeat(100_000)}${secret.slice(-12)}`];
  assert.deepEqual(leakFinder(texts)(secret), [secret.slice(0, 12), secret.slice(-12)]);
  assert.deepEqual(leakFinder(['-'.repeat(100_000)])(secret), []);
});
