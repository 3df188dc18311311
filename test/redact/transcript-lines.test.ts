import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { SecretSample } from '../../fixtures/secrets/generate.js';
import { builtinRules, redactEvents, type CastEvent } from '../../src/redact/index.js';
import { claudeParser } from '../../src/agents/claude-parse.js';
import { isJsonText, mapJsonStrings } from '../../src/text/json-text.js';
import { leaks } from './inject.js';

const samples: SecretSample[] = JSON.parse(readFileSync(new URL('../../fixtures/secrets/corpus.json', import.meta.url), 'utf8'));
const rules = builtinRules();

/** A transcript line as the recorder journals it: an agent event of kind `transcript`. */
const transcriptEvent = (line: string): CastEvent => [1.5, 'aisess.agent', JSON.stringify({ kind: 'transcript', line, ago: 0.2 })];
const lineOf = (e: CastEvent): string => (JSON.parse(e[2]) as { line: string }).line;

describe('JSON text inside a string', () => {
  const cases: { name: string; text: string; json: boolean; seen: [string, string | null, string][] }[] = [
    { name: 'object: keys are not values; path per value', text: '{"a":"x","b":{"c":"y"}}', json: true, seen: [['x', 'a', 'l>a'], ['y', 'c', 'l>b.c']] },
    { name: 'array under a key: items inherit it', text: '{"argv":["--token","v"],"n":1,"s":"z"}', json: true, seen: [['--token', 'argv', 'l>argv[0]'], ['v', 'argv', 'l>argv[1]'], ['z', 's', 'l>s']] },
    { name: 'a string value that looks like a key is a value', text: '{"k": "v" , "w" :"x:y"}', json: true, seen: [['v', 'k', 'l>k'], ['x:y', 'w', 'l>w']] },
    { name: 'escapes decoded', text: '{"c":"a\\nb\\"c\\u00e9\\\\"}', json: true, seen: [['a\nb"cé\\', 'c', 'l>c']] },
    { name: 'nested objects in arrays', text: '[{"t":"p"},["q"]]', json: true, seen: [['p', 't', 'l>[0].t'], ['q', null, 'l>[1][0]']] },
    { name: 'after a number or null the next key is a key', text: '{"n":3,"m":null,"k":"v"}', json: true, seen: [['v', 'k', 'l>k']] },
    { name: 'not JSON: text', text: '{not json', json: false, seen: [] },
    { name: 'a scalar: text', text: '"just a string"', json: false, seen: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(isJsonText(c.text), c.json);
      if (!c.json) return;
      const seen: [string, string | null, string][] = [];
      const same = mapJsonStrings(c.text, 'l', (s, k, p) => (seen.push([s, k, p]), s));
      assert.deepEqual(seen, c.seen);
      assert.equal(same, c.text);
    });
  }

  it('only the strings that change are re-encoded: the rest stays byte for byte', () => {
    const text = '{ "a" : "keep\\u00e9" ,\n "b": "swap", "n": 1.50 }';
    assert.equal(mapJsonStrings(text, '', (s) => (s === 'swap' ? 'new\n"x"' : s)), '{ "a" : "keep\\u00e9" ,\n "b": "new\\n\\"x\\"", "n": 1.50 }');
  });
});

describe('transcript lines in the note', () => {
  it('the .env of the issue: REDIS_PASSWORD redacted, the API_TOKEN key after it kept', () => {
    const content = 'REDIS_URL=redis://localhost:6379\nREDIS_PASSWORD=s3cr3t-Very-Long-Pass-9f8e7d\nAPI_TOKEN=tok_8d7f6e5a4b3c2d1e0f9a8b7c\n';
    const line = JSON.stringify({ type: 'assistant', message: { content: [{ type: 'tool_use', name: 'Write', input: { file_path: '/w/.env', content } }] } });
    const out = redactEvents([transcriptEvent(line)], rules);
    const kept = JSON.parse(lineOf(out.events[0]!)).message.content[0].input.content;
    assert.equal(kept, 'REDIS_URL=redis://localhost:6379\nREDIS_PASSWORD=[REDACTED:env-secret]\nAPI_TOKEN=[REDACTED:env-secret]\n');
    assert.deepEqual(out.findings.map((f) => [f.kind, f.path]), [
      ['env-secret', 'line>message.content[0].input.content'], ['env-secret', 'line>message.content[0].input.content'],
    ]);
  });

  const shaped = samples.filter((s) => s.transcriptLine);
  it('the corpus has transcript-shaped samples of both agents', () => {
    assert.ok(shaped.length >= 5);
    for (const mark of ['"name":"Write"', '"toolUseResult"', '"apply_patch"', '"FileChange"', '"arguments"']) assert.ok(shaped.some((s) => s.text.includes(mark)), mark);
  });

  for (const s of shaped) {
    it(`${s.kind} in ${s.text.slice(0, 60)}…: gone, the line valid JSON, the next keys kept`, () => {
      const out = redactEvents([transcriptEvent(s.text)], rules);
      const line = lineOf(out.events[0]!);
      assert.deepEqual(leaks(s.secret, [out.events[0]![2], line, JSON.stringify(JSON.parse(line))]), []);
      for (const next of ['API_TIMEOUT_MS=5000', 'LOG_LEVEL=debug', 'SMTP_PORT=587', 'PORT=3000']) {
        if (s.text.includes(next)) assert.ok(line.includes(next), next);
      }
      assert.ok(out.findings.length > 0 && out.findings.every((f) => f.path?.startsWith('line>')));
      assert.ok(!JSON.stringify(out.findings).includes(s.secret));
    });
  }

  it('property: a corpus secret in any string field of a transcript line never survives; the line stays JSON; neighbours stay', () => {
    const envKey = fc.stringMatching(/^[A-Z][A-Z0-9_]{2,12}$/).filter((k) => !/SECRET|TOKEN|PASS|KEY|AUTH|PAT|DSN|PRIVATE|CREDENTIAL/.test(k));
    const jsonKey = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/);
    const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
    const neighbours = fc.uniqueArray(fc.tuple(jsonKey, scalar), { maxLength: 4, selector: ([k]) => k });
    const arb = fc.record({
      sample: fc.constantFrom(...samples),
      field: jsonKey,
      before: neighbours,
      after: neighbours,
      // Lines of a file around the secret: `KEY=value` whose keys must survive.
      above: fc.array(fc.tuple(envKey, fc.constantFrom('5000', 'debug', 'eu-west-1', 'true')), { maxLength: 2 }),
      below: fc.array(fc.tuple(envKey, fc.constantFrom('5000', 'debug', 'eu-west-1', 'true')), { maxLength: 2 }),
      // How deep the field sits: objects under keys and array slots.
      nest: fc.array(fc.oneof(jsonKey, fc.constant(0)), { maxLength: 4 }),
    });
    fc.assert(fc.property(arb, ({ sample, field, before, after, above, below, nest }) => {
      const env = (lines: [string, string][]) => lines.map(([k, v]) => `${k}=${v}`);
      const text = [...env(above), sample.text, ...env(below)].join('\n');
      const keys = [...before, ...after].map(([k]) => k).filter((k) => k !== field);
      const holder = Object.fromEntries([...before.filter(([k]) => k !== field), [field, text], ...after.filter(([k]) => k !== field && !before.some(([b]) => b === k))]);
      const value = nest.reduceRight<unknown>((inner, step) => (step === 0 ? [inner] : { [step]: inner }), holder);
      const line = JSON.stringify({ type: 'assistant', timestamp: '2026-11-25T11:37:01.545Z', data: value });
      const out = redactEvents([transcriptEvent(line)], rules);
      const kept = lineOf(out.events[0]!);
      const parsed = JSON.parse(kept) as { data: unknown };
      let inner: unknown = parsed.data;
      for (const step of nest) inner = step === 0 ? (inner as unknown[])[0] : (inner as Record<string, unknown>)[step];
      const obj = inner as Record<string, unknown>;
      assert.deepEqual(leaks(sample.secret, [out.events[0]![2], kept, String(obj[field])]), []);
      for (const k of keys) assert.ok(k in obj, `JSON key ${k}`);
      for (const [k] of [...above, ...below]) assert.ok(String(obj[field]).includes(`${k}=`), `env key ${k}`);
    }), { numRuns: 400 });
  });

  it('real Claude Code 2.1.197 lines (a Write of .env and its toolUseResult), compacted as the follower keeps them', () => {
    const real = readFileSync(new URL('../../fixtures/transcripts/claude/privacy-2.1.197.jsonl', import.meta.url), 'utf8').split('\n').filter((l) => l.includes('REDIS_PASSWORD'));
    assert.equal(real.length, 2);
    for (const raw of real) {
      const kept = claudeParser.compact(raw, { keepThinking: false, maxString: 4000 })!;
      const out = redactEvents([transcriptEvent(kept)], rules);
      const line = lineOf(out.events[0]!);
      assert.ok(!line.includes('s3cr3t') && !line.includes('Very-Long-Pass'), line);
      assert.ok(line.includes('REDIS_PASSWORD=[REDACTED:env-secret]\\nAPI_TOKEN_TTL=3600\\nLOG_LEVEL=debug'), line);
      assert.deepEqual(JSON.parse(line).uuid, JSON.parse(raw).uuid);
    }
  });
});
