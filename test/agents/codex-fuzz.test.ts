/**
 * Property tests of the Codex parser on real lines (every fixture rollout, old and 0.169 formats):
 * random mixtures, garbage and truncations never make it throw, never make injected context a
 * prompt, and a real rollout with junk spliced in still yields its prompts exactly once each.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isInjected } from '../../src/agents/codex-echo.js';
import { codexParser } from '../../src/agents/codex-parse.js';
import type { AgentEvent } from '../../src/agents/types.js';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'transcripts', 'codex');
const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl') && f !== 'malformed.jsonl');
const rollouts = files.map((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()));
const pool = rollouts.flat();

function run(lines: string[]): AgentEvent[] {
  const state = codexParser.init();
  return lines.flatMap((l) => codexParser.parseLine(l, state));
}
const prompts = (events: AgentEvent[]) => events.flatMap((e) => (e.kind === 'prompt' ? [e.text] : []));
const knownPrompts = new Set(rollouts.flatMap((r) => prompts(run(r))));

const realLine = fc.constantFrom(...pool);
const truncated = fc.tuple(realLine, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })).map(([l, f]) => l.slice(0, Math.floor(l.length * f)));
const garbage = fc.oneof(fc.string(), fc.json(), fc.constantFrom('{', '[]', 'null', '{"type":"event_msg","payload":null}',
  '{"type":"event_msg","payload":{"type":"item_completed","item":{"type":"UserMessage","content":"x"}}}'));
/** A real line with one payload field replaced by something of another shape. */
const mangled = fc.tuple(realLine, fc.jsonValue()).map(([l, v]) => {
  const value = JSON.parse(l) as { payload?: Record<string, unknown> };
  const keys = Object.keys(value.payload ?? {});
  if (value.payload && keys.length) value.payload[keys[l.length % keys.length] as string] = v;
  return JSON.stringify(value);
});
const anyLine = fc.oneof(realLine, truncated, garbage, mangled);

/** Context Codex injects, in each of the shapes a line can carry a user's text. */
const injectedLine = fc.tuple(
  fc.constantFrom('<environment_context>', '<user_instructions>', '<turn_aborted>', '# AGENTS.md instructions for /w\n\n<INSTRUCTIONS>', '<skill>'),
  fc.string(), fc.constantFrom('user_message', 'UserMessage', 'response_item'),
).map(([prefix, rest, shape]) => {
  const text = `${prefix}${rest}`;
  const payload = shape === 'user_message' ? { type: 'user_message', message: text }
    : shape === 'UserMessage' ? { type: 'item_completed', item: { type: 'UserMessage', content: [{ type: 'text', text }] } }
      : { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
  return JSON.stringify({ type: shape === 'response_item' ? 'response_item' : 'event_msg', payload });
});

test('random mixtures of real, truncated, mangled, injected and garbage lines: no throw, no injected prompt', () => {
  fc.assert(fc.property(fc.array(fc.oneof(anyLine, injectedLine), { maxLength: 60 }), (lines) => {
    for (const text of prompts(run(lines))) assert.ok(!isInjected(text), `injected context as a prompt: ${text.slice(0, 80)}`);
  }), { numRuns: 300 });
});

test('mixtures of real lines (whole or cut) and garbage: every prompt is one a rollout holds', () => {
  fc.assert(fc.property(fc.array(fc.oneof(realLine, truncated, garbage), { maxLength: 60 }), (lines) => {
    for (const text of prompts(run(lines))) assert.ok(knownPrompts.has(text), `a prompt no rollout holds: ${text.slice(0, 80)}`);
  }), { numRuns: 300 });
});

test('a real rollout with junk spliced in yields its prompts once each, in order', () => {
  const junk = fc.oneof(truncated, garbage);
  fc.assert(fc.property(fc.nat(rollouts.length - 1), fc.array(fc.tuple(fc.nat(), junk), { maxLength: 20 }), (which, inserts) => {
    const lines = [...(rollouts[which] as string[])];
    const expected = prompts(run(lines));
    for (const [at, bad] of inserts) lines.splice(at % (lines.length + 1), 0, bad);
    assert.deepEqual(prompts(run(lines)), expected);
  }), { numRuns: 200 });
});

test('every real rollout: each prompt it holds is emitted exactly once, each after a turn start', () => {
  for (const [i, lines] of rollouts.entries()) {
    const events = run(lines);
    const got = prompts(events);
    assert.equal(new Set(got).size, got.length, `${files[i]}: a prompt twice`);
    // Between a turn start and its prompt only the model (turn_context) may come.
    let open = false;
    for (const e of events) {
      if (e.kind === 'prompt') assert.ok(open, `${files[i]}: no turn start before "${e.text}"`);
      if (e.kind !== 'model') open = e.kind === 'turn' && e.edge === 'start';
    }
  }
});
