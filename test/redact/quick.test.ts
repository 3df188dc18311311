/**
 * The quick checks of the pattern rules (PatternRule.quick) only skip texts the pattern cannot
 * match: a text any pattern matches always passes its rule's check.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { ASSIGNMENT_RULES } from '../../src/redact/assign.js';
import { FORMAT_RULES, type PatternRule } from '../../src/redact/patterns.js';
import { fixturesDir } from '../helpers/cli.js';

const quick = [...FORMAT_RULES, ...ASSIGNMENT_RULES].filter((r): r is PatternRule & { quick: (t: string) => boolean } => r.quick !== undefined);

const matches = (rule: PatternRule, text: string): boolean => {
  rule.pattern.lastIndex = 0;
  const found = rule.pattern.test(text);
  rule.pattern.lastIndex = 0;
  return found;
};

// Pieces the patterns are made of, in both cases, so generated texts often match.
const PIECES = [
  'password', 'PASSWORD', 'Passwd', 'secret_key', 'SECRET', 'token', 'TOKEN', 'api-key', 'ApiKey', 'client_secret', 'credentials',
  'GITHUB_', 'DB_', 'AWS', 'aws', 'Aws_Secret', 'private', 'KEY', 'AUTH', 'PAT', 'DSN', 'PRIVATE', 'Authorization:', 'authorization:',
  ' Bearer ', ' basic ', 'postgres://', 'user', ':', '@', 'host.example', '-----BEGIN', ' RSA', ' PRIVATE KEY-----', '-----END',
  '=', ' = ', ': ', ':=', '=>', '"', "'", '`', ' ', '\t', '\n', '\\n', 'AbCdEf0123456789', 'xYz98765432109876543210abcdefABCDEF/+', 'ſ', 'K', 'é',
];
const texts = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 30 }).map((p) => p.join(''));

test('every rule with a quick check has one that passes whenever its pattern matches (generated texts)', () => {
  assert.ok(quick.length >= 6, `${quick.length} rules have a quick check`);
  fc.assert(fc.property(texts, (text) => {
    for (const rule of quick) if (matches(rule, text)) assert.equal(rule.quick(text), true, `${rule.kind} on ${JSON.stringify(text)}`);
  }), { numRuns: 3000 });
});

test('… and on every text of the secrets corpus, where the patterns match for real', () => {
  const corpus = JSON.parse(readFileSync(join(fixturesDir, 'secrets', 'corpus.json'), 'utf8')) as { text: string }[];
  let matched = 0;
  for (const { text } of corpus) {
    for (const rule of quick) {
      if (!matches(rule, text)) continue;
      matched++;
      assert.equal(rule.quick(text), true, `${rule.kind} on ${JSON.stringify(text.slice(0, 200))}`);
    }
  }
  assert.ok(matched > 40, `only ${matched} matches in the corpus`);
});

test('a text without the keyword is not searched: the check says so', () => {
  const [password] = ASSIGNMENT_RULES.filter((r) => r.kind === 'secret-assignment');
  assert.equal(password!.quick!('const x = compute(42); // nothing to see'), false);
  assert.equal(password!.quick!('PASSWORD: "hunter2hunter2"'), true);
});
