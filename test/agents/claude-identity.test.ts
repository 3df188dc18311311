import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { claudeProjectDir } from '../../src/agents/claude.js';
import { registeredSession } from '../../src/agents/claude-files.js';
import { agentEnv, kinds, record, runFake, script, tempDirs, texts, type Dirs } from './fake.js';

const line = (uuid: string, parent: string | null, text: string) =>
  JSON.stringify({ type: 'user', uuid, parentUuid: parent, sessionId: 'other', message: { role: 'user', content: text }, timestamp: new Date().toISOString() });

test('registeredSession reads <config>/sessions/<pid>.json, and nothing else', () => {
  const d = tempDirs();
  try {
    mkdirSync(join(d.claudeDir, 'sessions'));
    const put = (pid: number, body: string) => writeFileSync(join(d.claudeDir, 'sessions', `${pid}.json`), body);
    put(11, JSON.stringify({ pid: 11, sessionId: 'S11', cwd: '/w', kind: 'interactive' }));
    put(12, '{"pid":12,');
    put(13, JSON.stringify({ pid: 99, sessionId: 'S13' }));
    put(14, JSON.stringify({ pid: 14 }));
    const rows: Array<[number, ReturnType<typeof registeredSession>]> = [
      [11, { sessionId: 'S11', cwd: '/w' }], [12, undefined], [13, undefined], [14, undefined], [15, undefined],
    ];
    for (const [pid, expected] of rows) assert.deepEqual(registeredSession(d.claudeDir, pid), expected, `pid ${pid}`);
  } finally {
    d.cleanup();
  }
});

/** Before the run, an unrelated transcript that sorts first; it grows while ours starts. */
function decoy(d: Dirs): string {
  const dir = claudeProjectDir({ CLAUDE_CONFIG_DIR: d.claudeDir }, d.work);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '00000000-0000-4000-8000-000000000000.jsonl');
  writeFileSync(file, `${line(randomUUID(), null, 'decoy before')}\n`);
  return file;
}

test('claude --resume (picker): the session Claude registers under its pid, not the transcript that grew first', async () => {
  const d = tempDirs();
  try {
    const other = decoy(d);
    const steps = script('picked', 'p.txt');
    const r = await record(d, ['claude', '--resume'], steps, 'aisess-1', {
      // The decoy grows right after the snapshot, before the fake writes anything.
      onWarning: () => {},
      env: { ...agentEnv(d, steps), FAKE_AGENT_SPEED: '2' },
      startedAt: (appendFileSync(other, `${line(randomUUID(), null, 'decoy during')}\n`), Date.now()),
    });
    const [session] = kinds(r.sink.events, 'session');
    assert.ok(session?.kind === 'session');
    assert.equal(r.session.transcript(), join(claudeProjectDir({ CLAUDE_CONFIG_DIR: d.claudeDir }, d.work), `${session.id}.jsonl`));
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['picked']);
  } finally {
    d.cleanup();
  }
});

test('claude --continue without a registry (2.0.x): guessed, the newest transcript, new lines only', async () => {
  const d = tempDirs();
  try {
    const older = randomUUID();
    const env = (steps: ReturnType<typeof script>) => ({ ...agentEnv(d, steps), FAKE_CLAUDE_VERSION: '2.0.76' });
    const first = script('older session', 'old.txt');
    assert.equal(await runFake(['claude', '--session-id', older], d.work, env(first)).exit, 0);
    const steps = script('continued', 'c.txt');
    const r = await record(d, ['claude', '--continue'], steps, 'aisess-1', { env: env(steps) });
    assert.equal(r.session.transcript(), join(claudeProjectDir({ CLAUDE_CONFIG_DIR: d.claudeDir }, d.work), `${older}.jsonl`));
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['continued']);
    assert.deepEqual(r.warnings, []);
  } finally {
    d.cleanup();
  }
});

test('claude --resume <id> after a re-append of old history: what was there before is not journalled again', async () => {
  const d = tempDirs();
  try {
    const id = randomUUID();
    const first = script('first prompt', 'a.txt');
    assert.equal(await runFake(['claude', '--session-id', id], d.work, agentEnv(d, first)).exit, 0);
    const file = join(claudeProjectDir({ CLAUDE_CONFIG_DIR: d.claudeDir }, d.work), `${id}.jsonl`);
    const old = readFileSync(file, 'utf8');
    const steps = script('second prompt', 'b.txt');
    const r = await record(d, ['claude', '--resume', id], steps, 'aisess-1', {
      // As /compact does: history re-appended with its original uuids, once the recording started.
      startedAt: (appendFileSync(file, old), Date.now()),
    });
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['second prompt']);
    assert.deepEqual(kinds(r.sink.events, 'file_edit').map((e) => e.kind === 'file_edit' && e.path.split('/').pop()), ['b.txt']);
  } finally {
    d.cleanup();
  }
});

test('a subagent (FAKE_CLAUDE_SUBAGENT): its Write is journalled in the parent turn, its prompt and answer are not', async () => {
  const d = tempDirs();
  try {
    const steps = [{ prompt: 'delegate it' }, { say: 'Delegating.' }, { write: { path: 'sub.txt', content: 'sub\n' } }, { say: 'All done.' }, { exit: 0 }];
    const r = await record(d, ['claude'], steps, 'aisess-1', { env: { ...agentEnv(d, steps), FAKE_CLAUDE_SUBAGENT: 'sub.txt' } });
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['delegate it']);
    assert.deepEqual(texts(r.sink.events, 'answer'), ['Delegating.', 'All done.']);
    const calls = kinds(r.sink.events, 'tool_call').map((e) => e.kind === 'tool_call' && [e.name, e.subagent !== undefined]);
    assert.deepEqual(calls, [['Agent', false], ['Write', true]]);
    assert.deepEqual(kinds(r.sink.events, 'file_edit').map((e) => e.kind === 'file_edit' && [e.path.split('/').pop(), e.change]), [['sub.txt', 'created']]);
    const kindsInOrder = r.sink.events.map((e) => e.kind).filter((k) => ['prompt', 'tool_call', 'file_edit', 'answer', 'turn'].includes(k));
    assert.deepEqual(kindsInOrder, ['turn', 'prompt', 'answer', 'tool_call', 'tool_call', 'file_edit', 'answer', 'turn']);
  } finally {
    d.cleanup();
  }
});
