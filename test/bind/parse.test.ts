import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDiffTree } from '../../src/bind/git-facts.js';
import { parseRewritePairs } from '../../src/bind/rewrite.js';

const z = '0'.repeat(40);
const a = 'a'.repeat(40);
const b = 'b'.repeat(40);

const diffs: { name: string; input: string; expected: [string, string | null][] }[] = [
  { name: 'empty', input: '', expected: [] },
  { name: 'modify', input: `:100644 100644 ${a} ${b} M\0x.txt\0`, expected: [['x.txt', b]] },
  { name: 'add and delete', input: `:000000 100644 ${z} ${a} A\0new\0:100644 000000 ${b} ${z} D\0old name\0`, expected: [['new', a], ['old name', null]] },
  { name: 'newline in a path', input: `:100644 100644 ${a} ${b} M\0line\nbreak\0`, expected: [['line\nbreak', b]] },
];
for (const row of diffs) test(`parseDiffTree: ${row.name}`, () => assert.deepEqual([...parseDiffTree(row.input)], row.expected));

const rewrites: { input: string; expected: [string, string][] }[] = [
  { input: '', expected: [] },
  { input: `${a} ${b}\n`, expected: [[a, b]] },
  { input: `${a} ${b} extra\n${b} ${a}\n\n`, expected: [[a, b], [b, a]] },
  { input: 'garbage line\n', expected: [] },
];
for (const row of rewrites) test(`parseRewritePairs ${JSON.stringify(row.input)}`, () => assert.deepEqual(parseRewritePairs(row.input), row.expected));
