import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { claudeProjectDir } from '../../src/agents/claude.js';
import { kinds, record, script, tempDirs, texts } from './fake.js';

test('a fresh fake claude session is journalled: session id, prompt, answer, edit, model, usage, markers', async () => {
  const d = tempDirs();
  try {
    const r = await record(d, ['claude'], script('add a hello file', 'hello.txt'), 'aisess-1');
    const [flag, id] = r.session.argv.slice(1, 3);
    assert.equal(flag, '--session-id');
    assert.equal(r.session.agent, 'claude');
    assert.deepEqual(r.warnings, []);
    const events = r.sink.events;
    assert.deepEqual(kinds(events, 'session'), [{ kind: 'session', agent: 'claude', id, resume: `claude --resume ${id}`, version: '2.1.30' }]);
    assert.deepEqual(texts(events, 'prompt'), ['add a hello file']);
    assert.deepEqual(texts(events, 'answer'), ['answer to add a hello file']);
    assert.deepEqual(kinds(events, 'file_edit'), [{ kind: 'file_edit', path: join(d.work, 'hello.txt'), change: 'created', added: 1, removed: 0 }]);
    assert.equal(kinds(events, 'thinking').length, 0, 'thinking stays out by default');
    assert.ok(kinds(events, 'usage').length > 0);
    assert.deepEqual(kinds(events, 'model'), [{ kind: 'model', name: 'claude-sonnet-4-5-20250929' }]);
    assert.deepEqual(kinds(events, 'turn').map((e) => e.kind === 'turn' && e.edge), ['start', 'end']);
    const raw = kinds(events, 'transcript');
    assert.ok(raw.length >= 4 && raw.every((e) => e.kind === 'transcript' && !e.line.includes('"thinking"')));
    assert.deepEqual(r.sink.markers, ['prompt: add a hello file', `edit: ${join(d.work, 'hello.txt')}`]);
    // Events from a line with a timestamp say how long before they were journalled they happened.
    const agos = r.sink.events.flatMap((e, i) => (e.kind === 'prompt' || e.kind === 'file_edit' ? [r.sink.agos[i]] : []));
    assert.equal(agos.length, 2);
    assert.ok(r.sink.agos.every((ago) => ago === undefined || ago >= 0) && agos.every((ago) => typeof ago === 'number'), JSON.stringify(r.sink.agos));
    assert.equal(r.session.transcript(), join(claudeProjectDir({ CLAUDE_CONFIG_DIR: d.claudeDir }, d.work), `${id}.jsonl`));
  } finally {
    d.cleanup();
  }
});

test('keepThinking journals thinking blocks', async () => {
  const d = tempDirs();
  try {
    const r = await record(d, ['claude'], script('think hard', 'a.txt'), 'aisess-1', { keepThinking: true });
    assert.equal(kinds(r.sink.events, 'thinking').length, 1);
  } finally {
    d.cleanup();
  }
});

test('a fresh fake codex session is journalled with its rollout id and resume command', async () => {
  const d = tempDirs();
  try {
    const r = await record(d, ['codex', 'fix it'], script('fix it', 'fix.txt'), 'aisess-1');
    assert.deepEqual(r.session.argv, ['codex', 'fix it'], 'codex argv is never changed');
    const [session] = kinds(r.sink.events, 'session');
    assert.ok(session?.kind === 'session' && r.session.transcript()?.endsWith(`-${session.id}.jsonl`));
    assert.equal(session.resume, `codex resume ${session.id}`);
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['fix it']);
    assert.deepEqual(kinds(r.sink.events, 'file_edit'), [{ kind: 'file_edit', path: 'fix.txt', change: 'created', added: 1, removed: 0 }]);
    assert.deepEqual(r.sink.markers, ['prompt: fix it', 'edit: fix.txt']);
    assert.deepEqual(r.warnings, []);
  } finally {
    d.cleanup();
  }
});

test('a command that starts no session (claude --version) journals nothing and warns nothing', async () => {
  const d = tempDirs();
  try {
    const r = await record(d, ['claude', '--version'], [], 'aisess-1');
    assert.deepEqual([r.sink.events, r.warnings, r.session.argv], [[], [], ['claude', '--version']]);
    assert.deepEqual(readdirSync(d.claudeDir), [], 'nothing written into the agent config dir');
  } finally {
    d.cleanup();
  }
});
