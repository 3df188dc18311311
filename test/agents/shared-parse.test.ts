/**
 * A transcript line is parsed once (parseLineObject) and its object shared by the order buffer, the
 * parser, the compactor and the edit reader. None of them may change it: with the object frozen,
 * each reads every real line as it does a fresh parse of its own.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { claudeParser } from '../../src/agents/claude-parse.js';
import { codexParser } from '../../src/agents/codex-parse.js';
import { parseLineObject, parseObject } from '../../src/agents/compact.js';
import { claudeEditContent, codexEditContent } from '../../src/agents/edit-content.js';
import type { TranscriptParser } from '../../src/agents/types.js';
import { fixturesDir } from '../helpers/cli.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Every .jsonl under dir: the recorded real clients' transcripts and rollouts, older formats' fixtures. */
function jsonl(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
    .map((e) => join(e.parentPath, e.name));
}

/** What the parser, compactor and edit reader make of a session's lines, each line parsed fresh or shared and frozen. */
function read<S>(lines: readonly string[], parser: TranscriptParser<S>, edits: (v: Record<string, unknown>, s: S) => unknown[], shared: boolean) {
  const state = parser.init();
  return lines.map((line) => {
    // A fresh parse: another line read in between, so nothing is remembered.
    if (!shared) parseLineObject('{}');
    else deepFreeze(parseLineObject(line));
    const events = parser.parseLine(line, state);
    if (!shared) parseLineObject('{}');
    const kept = parser.compact(line, { keepThinking: false, maxString: 4000 });
    const value = parseObject(line);
    return { events, kept, edits: value ? edits(value, state) : [] };
  });
}

for (const [agent, parser, edits] of [
  ['claude', claudeParser, claudeEditContent],
  ['codex', codexParser, codexEditContent],
] as const) {
  test(`${agent}: the parser, the compactor and the edit reader never change the parsed line they share`, () => {
    const files = [
      ...jsonl(join(fixturesDir, 'real')).filter((f) => f.includes(`/${agent}@`) && !f.includes('/journals/') && !f.endsWith('.stdout.jsonl')),
      ...jsonl(join(fixturesDir, 'transcripts', agent)),
    ];
    assert.ok(files.length >= 10, `${agent} transcripts: ${files.length}`);
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      const p = parser as TranscriptParser<object>;
      const e = edits as (v: Record<string, unknown>, s: object) => unknown[];
      assert.deepEqual(read(lines, p, e, true), read(lines, p, e, false), file);
    }
  });
}

test('parseLineObject reads a line again only when it is another line', () => {
  const line = '{"a":{"b":1}}';
  const first = parseLineObject(line);
  assert.equal(parseLineObject(line), first);
  assert.equal(parseLineObject(`${line.slice(0, -1)}}`), first, 'an equal string is the same line');
  assert.notEqual(parseLineObject('{"a":2}'), first);
  assert.deepEqual(parseLineObject(line), first);
  assert.equal(parseLineObject('not json'), null);
});
