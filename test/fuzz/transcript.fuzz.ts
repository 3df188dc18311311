/**
 * Agent transcript lines, the way the follower meets them (src/agents/follow.ts): Claude lines go
 * through the line order, then the parser and the compactor; Codex lines straight to the parser and
 * compactor. Seeded with every real line in fixtures/real and fixtures/transcripts, then damaged.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { claudeLineOrder } from '../../src/agents/claude-order.js';
import { claudeParser } from '../../src/agents/claude-parse.js';
import { codexParser } from '../../src/agents/codex-parse.js';
import type { AgentEvent, TranscriptParser } from '../../src/agents/types.js';
import { readSession, type AgentSessionRead } from '../../src/import/session-read.js';
import { hostileJsonLines } from './mutate.js';
import { trial, type Trial } from './trial.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');

/** Every line of every transcript of one agent that is a JSON object (the seeds to damage). */
function realLines(agent: 'claude' | 'codex'): string[] {
  const files = [join(fixtures, 'real'), join(fixtures, 'transcripts', agent)].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)))
    .filter((f) => f.endsWith('.jsonl') && f.includes(agent) && !f.includes('journals') && !f.includes('screens'));
  const lines = files.flatMap((f) => readFileSync(f, 'utf8').split('\n'));
  return [...new Set(lines.filter((l) => l.startsWith('{') && isJson(l)))];
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

const CAP = { keepThinking: false, maxString: 4000 };
const KINDS = new Set(['session', 'prompt', 'answer', 'thinking', 'tool_call', 'tool_result', 'file_edit', 'command', 'model', 'usage', 'turn', 'transcript']);

/** An event a reader can rely on: a known kind, and each field of the type AgentEvent says. */
function checkEvent(e: AgentEvent): void {
  assert.ok(KINDS.has(e.kind), `unknown kind ${e.kind}`);
  const text = (v: unknown) => assert.equal(typeof v, 'string', `${e.kind}: ${JSON.stringify(e).slice(0, 200)}`);
  const count = (v: unknown) => assert.ok(v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0), `${e.kind} count ${String(v)}`);
  switch (e.kind) {
    case 'session': return [e.agent, e.id, e.resume].forEach(text);
    case 'prompt': case 'answer': case 'thinking': return text(e.text);
    case 'tool_call': text(e.name); return Object.values(e.args).forEach(text);
    case 'tool_result': return assert.equal(typeof e.ok, 'boolean');
    case 'file_edit': text(e.path); return [e.added, e.removed].forEach(count);
    case 'command': return text(e.command);
    case 'model': return text(e.name);
    case 'usage': return [e.input, e.output, e.cacheRead, e.cacheWrite].forEach(count);
    // A turn's length is the difference of two line timestamps: negative when the clock stepped back, still a number.
    case 'turn': return assert.ok(e.durationMs === undefined || Number.isFinite(e.durationMs), `turn of ${e.durationMs} ms`);
    case 'transcript': return void JSON.parse(e.line);
  }
}

/** What follow.ts does with one ready line: parse it, and keep its compacted copy unless it was garbage. */
function follow<S extends { problems: number }>(parser: TranscriptParser<S>, state: S, line: string): AgentEvent[] {
  const before = state.problems;
  const events = parser.parseLine(line, state);
  const kept = state.problems > before ? null : parser.compact(line, CAP);
  return kept === null ? events : [...events, { kind: 'transcript', line: kept }];
}

const claudeLines = hostileJsonLines(realLines('claude'));
const codexLines = hostileJsonLines(realLines('codex'));

export const trials: Trial[] = [
  trial({ decoder: 'Claude transcript lines', target: 'claudeLineOrder → claudeParser.parseLine + compact (src/agents/claude-*.ts)', property: 'real lines damaged, reordered, mixed with garbage: no throw; every event well-typed; every line comes out once', runs: 250 },
    fc.array(claudeLines, { maxLength: 25 }), (lines) => {
      const order = claudeLineOrder(1000);
      const state = claudeParser.init();
      let now = 0;
      const ready = lines.flatMap((l) => order.push(l, (now += 300)));
      ready.push(...order.expire(now + 5000), ...order.drain());
      for (const line of ready) follow(claudeParser, state, line).forEach(checkEvent);
      assert.ok(ready.length <= lines.length);
      assert.equal(order.held(), 0);
    }),

  trial({ decoder: 'Codex rollout lines', target: 'codexParser.parseLine + compact (src/agents/codex-*.ts)', property: 'real lines damaged, mixed with garbage: no throw; every event well-typed', runs: 250 },
    fc.array(codexLines, { maxLength: 25 }), (lines) => {
      const state = codexParser.init();
      for (const line of lines) follow(codexParser, state, line).forEach(checkEvent);
    }),

  trial({ decoder: 'Imported sessions', target: 'readSession: parser + edit contents (src/import/session-read.ts, src/agents/edit-content.ts)', property: 'real lines of both agents damaged, mixed with garbage: no throw; turns in order with well-typed events and edits', runs: 150 },
    fc.tuple(fc.array(claudeLines, { maxLength: 25 }), fc.array(codexLines, { maxLength: 25 })), ([claude, codex]) => {
      checkSession(readSession({ agent: 'claude', lines: claude, subagents: [{ lines: claude.slice(0, 5), agentId: 'x', toolUseId: 'y' }] }, false));
      checkSession(readSession({ agent: 'codex', lines: codex }, false));
    }),
];

function checkSession(s: AgentSessionRead | null): void {
  if (!s) return;
  assert.ok(Number.isFinite(s.startedAt));
  s.turns.forEach((t, i) => {
    assert.equal(t.index, i);
    assert.equal(typeof t.prompt, 'string');
    t.events.forEach((e) => checkEvent(e.event));
    for (const { edit } of t.edits) {
      assert.equal(typeof edit.path, 'string');
      assert.ok([...edit.added, ...edit.removed, ...(edit.inserted ?? [])].every((l) => typeof l === 'string'));
      assert.ok(edit.content === undefined || typeof edit.content === 'string');
    }
  });
}
