import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { claudeLineOrder, HOLD_MS } from '../../src/agents/claude-order.js';
import { claudeParser } from '../../src/agents/claude-parse.js';
import type { AgentEvent } from '../../src/agents/types.js';

const REAL = 'fixtures/transcripts/claude/real-2.1.197';
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
const uuidOf = (line: string): string | undefined => {
  try {
    return (JSON.parse(line) as { uuid?: string }).uuid;
  } catch {
    return undefined;
  }
};
const line = (uuid: string, parent: string | null, t = 0) =>
  JSON.stringify({ type: 'user', uuid, parentUuid: parent, timestamp: new Date(1_700_000_000_000 + t).toISOString() });

/** Pushes every line at time 0, then drains: the uuids in the order they came out. */
function run(input: string[], known: string[] = []): string[] {
  const order = claudeLineOrder();
  for (const k of known) order.know(k);
  const out = input.flatMap((l) => order.push(l, 0));
  return [...out, ...order.drain()].map((l) => uuidOf(l) ?? l);
}

const table: Array<{ name: string; input: string[]; known?: string[]; expected: string[] }> = [
  { name: 'in order', input: [line('a', null), line('b', 'a'), line('c', 'b')], expected: ['a', 'b', 'c'] },
  { name: 'children before their parent (the real first turn)', input: [line('c', 'b', 5), line('d', 'c', 6), line('a', null, 2), line('b', 'a', 1)], expected: ['a', 'b', 'c', 'd'] },
  { name: 'a uuid seen twice yields once', input: [line('a', null), line('b', 'a'), line('a', null), line('b', 'a')], expected: ['a', 'b'] },
  { name: 'lines without uuid pass at once', input: [line('b', 'a'), '{"type":"last-prompt"}', 'garbage', line('a', null)], expected: ['{"type":"last-prompt"}', 'garbage', 'a', 'b'] },
  { name: 'a missing parent: released at the end by time', input: [line('y', 'gone', 9), line('x', 'gone', 3)], expected: ['x', 'y'] },
  { name: 'known uuids (before a resume offset) are parents, and are not emitted again', input: [line('old', null), line('n', 'old')], known: ['old'], expected: ['n'] },
  { name: 'siblings after their parent by time', input: [line('s2', 'p', 7), line('s1', 'p', 4), line('p', null, 1)], expected: ['p', 's1', 's2'] },
];
for (const row of table) test(`chain order: ${row.name}`, () => assert.deepEqual(run(row.input, row.known), row.expected));

test('a line whose parent never comes is released after the hold time, with its children', () => {
  const order = claudeLineOrder(100);
  assert.deepEqual(order.push(line('b', 'missing'), 0), []);
  assert.deepEqual(order.push(line('c', 'b'), 50), []);
  assert.deepEqual(order.expire(99), []);
  assert.deepEqual(order.expire(100).map(uuidOf), ['b', 'c']);
  assert.equal(order.held(), 0);
  assert.ok(HOLD_MS >= 1000, 'holds for more than a poll or two');
});

/** The real file's chain: parentUuid → uuid from each root, children by timestamp. */
function chainOrder(input: string[]): string[] {
  const values = input.map((l) => JSON.parse(l) as { uuid?: string; parentUuid?: string | null; timestamp?: string });
  const kids = new Map<string | null, typeof values>();
  for (const v of values) if (v.uuid) kids.set(v.parentUuid ?? null, [...(kids.get(v.parentUuid ?? null) ?? []), v]);
  const out: string[] = [];
  const walk = (p: string | null) => {
    for (const v of (kids.get(p) ?? []).sort((a, b) => Date.parse(a.timestamp ?? '') - Date.parse(b.timestamp ?? ''))) {
      out.push(v.uuid as string);
      walk(v.uuid as string);
    }
  };
  walk(null);
  return out;
}

test('the real 2.1.197 transcript: the first prompt comes before its answer and tool call', () => {
  const input = lines(`${REAL}/session.jsonl`);
  const state = claudeParser.init();
  const order = claudeLineOrder();
  const events: AgentEvent[] = [...input.flatMap((l) => order.push(l, 0)), ...order.drain()].flatMap((l) => claudeParser.parseLine(l, state));
  const firsts = events.filter((e) => ['prompt', 'answer', 'tool_call'].includes(e.kind)).slice(0, 4)
    .map((e) => (e.kind === 'tool_call' ? `tool ${e.name}` : e.kind === 'prompt' || e.kind === 'answer' ? `${e.kind} ${e.text}` : ''));
  assert.deepEqual(firsts, ['prompt create file hello.txt', "answer I'll create hello.txt.", 'tool Write', 'answer Done after Write.']);
  assert.deepEqual(run(input).filter((u) => !u.startsWith('{')), chainOrder(input));
  assert.equal(state.problems, 0);
});

test('the real subagent file: its Write is a tool call and file edit of the parent turn, not a prompt', () => {
  const state = claudeParser.init();
  const events = lines(`${REAL}/subagents/agent-aaec238387d7d7e25.jsonl`).flatMap((l) => claudeParser.parseLine(l, state));
  assert.deepEqual(events.map((e) => e.kind).filter((k) => k !== 'usage'), ['session', 'tool_call', 'tool_result', 'file_edit']);
  const call = events.find((e) => e.kind === 'tool_call');
  assert.deepEqual(call && call.kind === 'tool_call' && [call.name, call.subagent], ['Write', 'aaec238387d7d7e25']);
});

test('the real subagent: its lines come after the Agent call and before the parent result, whenever its file is read', () => {
  const main = lines(`${REAL}/session.jsonl`);
  const sub = lines(`${REAL}/subagents/agent-aaec238387d7d7e25.jsonl`);
  const meta = JSON.parse(readFileSync(`${REAL}/subagents/agent-aaec238387d7d7e25.meta.json`, 'utf8')) as { toolUseId: string };
  for (const subFirst of [false, true]) {
    const order = claudeLineOrder();
    order.link('aaec238387d7d7e25', meta.toolUseId);
    const out = subFirst ? [...sub, ...main].flatMap((l) => order.push(l, 0)) : main.flatMap((l) => order.push(l, 0));
    if (!subFirst) assert.deepEqual(order.awaiting(), ['aaec238387d7d7e25']);
    if (!subFirst) out.push(...sub.flatMap((l) => order.push(l, 0)));
    out.push(...order.settle('aaec238387d7d7e25'), ...order.drain());
    const state = claudeParser.init();
    const tools = out.flatMap((l) => claudeParser.parseLine(l, state)).flatMap((e) =>
      e.kind === 'tool_call' ? [`call ${e.name}${e.subagent ? ' (sub)' : ''}`] : e.kind === 'tool_result' ? [`result ${e.name}`] : []);
    assert.deepEqual(tools.slice(0, 6), ['call Write', 'result Write', 'call Agent', 'call Write (sub)', 'result Write', 'result Agent'], `sub first: ${subFirst}`);
    assert.equal(out.length, main.length + sub.length);
  }
});

test('property: permutations, repeats and garbage of a real chain come out in chain order, each uuid once', () => {
  const input = lines(`${REAL}/session.jsonl`).concat(lines(`${REAL}/subagents/agent-aaec238387d7d7e25.jsonl`));
  const expected = chainOrder(input);
  const parents = new Map(input.map((l) => JSON.parse(l) as { uuid?: string; parentUuid?: string | null })
    .filter((v) => v.uuid).map((v) => [v.uuid as string, v.parentUuid ?? null]));
  const garbage = fc.oneof(fc.string(), fc.constant('{"uuid":'), fc.constant('[]'), fc.constant('{"uuid":7,"parentUuid":{}}'));
  fc.assert(fc.property(
    fc.shuffledSubarray(input.map((_, i) => i), { minLength: input.length }),
    fc.array(fc.nat({ max: input.length - 1 }), { maxLength: 10 }),
    fc.array(garbage, { maxLength: 5 }),
    (perm, repeats, junk) => {
      const mixed = [...perm.map((i) => input[i] as string), ...repeats.map((i) => input[i] as string), ...junk];
      const shuffled = mixed.map((l, i) => ({ l, k: (i * 7919) % mixed.length })).sort((a, b) => a.k - b.k).map((x) => x.l);
      const order = claudeLineOrder();
      const out = [...shuffled.flatMap((l) => order.push(l, 0)), ...order.drain()];
      const ids = out.map(uuidOf).filter((u): u is string => typeof u === 'string');
      assert.equal(new Set(ids).size, ids.length, 'each uuid once');
      assert.equal(out.length - ids.length >= junk.length, true, 'garbage passes through');
      const pos = new Map(ids.map((u, i) => [u, i]));
      for (const [child, parent] of parents) if (parent && pos.has(parent)) assert.ok((pos.get(parent) as number) < (pos.get(child) as number));
      assert.deepEqual([...ids].sort(), [...expected].sort());
    },
  ), { numRuns: 200 });
});
