import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { claudeParser } from '../../src/agents/claude-parse.js';
import { followTranscript } from '../../src/agents/follow.js';
import type { AgentEvent } from '../../src/agents/types.js';

const user = (text: string) => JSON.stringify({ type: 'user', sessionId: 's1', message: { role: 'user', content: text } });

test('garbage lines are skipped with one warning for the whole session; the rest is read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aisess-follow-'));
  try {
    const file = join(dir, 't.jsonl');
    writeFileSync(file, [user('one'), '{"trunc', '\u0000\u0001garbage', user('two'), '[]', user('three')].join('\n') + '\n');
    const events: AgentEvent[] = [];
    const warnings: string[] = [];
    const f = followTranscript('claude', async () => ({ file, offset: 0 }), claudeParser, {
      emit: (e) => void events.push(e), warn: (m) => void warnings.push(m), keepThinking: false, pollMs: 20, agentPid: () => undefined,
    });
    await f.stop();
    assert.deepEqual(events.flatMap((e) => (e.kind === 'prompt' ? [e.text] : [])), ['one', 'two', 'three']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] as string, /not valid JSON/);
    assert.equal(events.filter((e) => e.kind === 'transcript').length, 3, 'only valid lines are kept raw');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no transcript found by the end: one warning, nothing emitted', async () => {
  const warnings: string[] = [];
  const f = followTranscript('codex', async () => undefined, claudeParser, {
    emit: () => assert.fail('nothing to emit'), warn: (m) => void warnings.push(m), keepThinking: false, pollMs: 20, agentPid: () => undefined,
  });
  await f.stop();
  assert.deepEqual(warnings, ['codex: no transcript of this session was found; only the terminal was recorded']);
});

test('sync reads what the transcript holds now, without waiting for the next poll; it finds the file first if need be', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aisess-follow-'));
  try {
    const file = join(dir, 't.jsonl');
    let there = false;
    const events: AgentEvent[] = [];
    // A poll an hour away: only sync can read anything before stop.
    const f = followTranscript('claude', async () => (there ? { file, offset: 0 } : undefined), claudeParser, {
      emit: (e) => void events.push(e), warn: assert.fail, keepThinking: false, pollMs: 3_600_000, agentPid: () => undefined,
    });
    const prompts = () => events.flatMap((e) => (e.kind === 'prompt' ? [e.text] : []));
    writeFileSync(file, `${user('one')}\n`);
    there = true;
    await f.sync();
    assert.deepEqual(prompts(), ['one']);
    writeFileSync(file, `${user('one')}\n${user('two')}\n`);
    await f.sync();
    assert.deepEqual(prompts(), ['one', 'two']);
    await f.stop();
    await f.sync();
    assert.deepEqual(prompts(), ['one', 'two'], 'nothing twice, nothing after stop');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
