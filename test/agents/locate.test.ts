import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compress } from 'zstd-napi';
import { claudeProjectDir } from '../../src/agents/claude.js';
import { waitFor } from '../helpers/wait.js';
import { agentEnv, begin, kinds, record, runFake, script, tempDirs, texts, type Dirs } from './fake.js';

/** A session run straight, without aisess, to leave history behind. */
async function before(d: Dirs, argv: string[], prompt: string): Promise<void> {
  const child = runFake(argv, d.work, agentEnv(d, script(prompt, 'old.txt')));
  assert.equal(await child.exit, 0);
}

function sessionId(events: ReturnType<typeof kinds>): string | undefined {
  const [s] = events;
  return s?.kind === 'session' ? s.id : undefined;
}

test('claude --resume <id>: that transcript, only the lines written after start', async () => {
  const d = tempDirs();
  try {
    const id = randomUUID();
    await before(d, ['claude', '--session-id', id], 'earlier prompt');
    const r = await record(d, ['claude', '--resume', id], script('later prompt', 'new.txt'), 'aisess-1');
    assert.deepEqual(r.session.argv, ['claude', '--resume', id], 'nothing added to a resume');
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['later prompt']);
    assert.equal(sessionId(kinds(r.sink.events, 'session')), id);
    assert.ok(kinds(r.sink.events, 'transcript').every((e) => e.kind === 'transcript' && !e.line.includes('earlier prompt')));
  } finally {
    d.cleanup();
  }
});

test('claude --continue: the most recent transcript of the directory, new lines only', async () => {
  const d = tempDirs();
  try {
    const older = randomUUID();
    const newer = randomUUID();
    await before(d, ['claude', '--session-id', older], 'older session');
    await before(d, ['claude', '--session-id', newer], 'newer session');
    const r = await record(d, ['claude', '--continue'], script('continued', 'c.txt'), 'aisess-1');
    assert.equal(r.session.transcript(), join(claudeProjectDir({ CLAUDE_CONFIG_DIR: d.claudeDir }, d.work), `${newer}.jsonl`));
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['continued']);
  } finally {
    d.cleanup();
  }
});

test('two concurrent claude sessions in one directory each journal their own', async () => {
  const d = tempDirs();
  try {
    const a = begin(d, ['claude'], script('from A', 'a.txt'), 'aisess-A');
    const b = begin(d, ['claude'], script('from B', 'b.txt', [{ think: 300 }, { say: 'B again' }]), 'aisess-B');
    const runs = [a, b].map((r) => runFake(r.session.argv, d.work, r.session.env as NodeJS.ProcessEnv));
    await Promise.all(runs.map((c) => c.exit));
    await Promise.all([a.session.stop(), b.session.stop()]);
    assert.deepEqual(texts(a.sink.events, 'prompt'), ['from A']);
    assert.deepEqual(texts(b.sink.events, 'prompt'), ['from B']);
    assert.deepEqual(texts(b.sink.events, 'answer'), ['answer to from B', 'B again']);
    assert.notEqual(a.session.transcript(), b.session.transcript());
  } finally {
    d.cleanup();
  }
});

test('two concurrent codex sessions in one directory each journal their own rollout', async () => {
  const d = tempDirs();
  try {
    // Both stay until both rollouts are found, as real sessions do: found while their agents hold them.
    const a = begin(d, ['codex'], script('codex A', 'a.txt', [{ waitPrompt: true }]), 'aisess-A');
    const b = begin(d, ['codex'], script('codex B', 'b.txt', [{ say: 'B says more' }, { waitPrompt: true }]), 'aisess-B');
    const runs = [a, b].map((r) => {
      const child = runFake(r.session.argv, d.work, r.session.env as NodeJS.ProcessEnv);
      r.session.attachPid(child.pid);
      return child;
    });
    // Typing before the scripted prompt is submitted would mix into it: wait for the file it writes next.
    await waitFor(() => [a, b].every((r) => kinds(r.sink.events, 'file_edit').length > 0), 'both rollouts followed');
    runs.forEach((c, i) => c.type(`bye ${'AB'[i]}`));
    await Promise.all(runs.map((c) => c.exit));
    await Promise.all([a.session.stop(), b.session.stop()]);
    assert.deepEqual(texts(a.sink.events, 'prompt'), ['codex A', 'bye A']);
    assert.deepEqual(texts(b.sink.events, 'prompt'), ['codex B', 'bye B']);
    assert.deepEqual(texts(b.sink.events, 'answer'), ['answer to codex B', 'B says more']);
    assert.notEqual(sessionId(kinds(a.sink.events, 'session')), sessionId(kinds(b.sink.events, 'session')));
    assert.deepEqual(readdirSync(join(d.store, 'agent-claims')), [], 'claims are released at stop');
  } finally {
    d.cleanup();
  }
});

test('a codex session gone before its rollout was found is journalled at stop, never a live session\'s rollout', async () => {
  const d = tempDirs();
  try {
    const live = begin(d, ['codex'], script('still here', 'l.txt', [{ waitPrompt: true }]), 'aisess-live');
    const liveRun = runFake(live.session.argv, d.work, live.session.env as NodeJS.ProcessEnv);
    live.session.attachPid(liveRun.pid);
    // No poll while it runs: only the final discovery at stop can find the short session's rollout.
    const short = begin(d, ['codex'], script('quick one', 'q.txt'), 'aisess-short', { pollMs: 600_000 });
    const shortRun = runFake(short.session.argv, d.work, short.session.env as NodeJS.ProcessEnv);
    short.session.attachPid(shortRun.pid);
    assert.equal(await shortRun.exit, 0);
    assert.equal(short.session.transcript(), undefined, 'not found before stop');
    await short.session.stop();
    assert.deepEqual(texts(short.sink.events, 'prompt'), ['quick one']);
    assert.deepEqual(short.warnings, []);
    await waitFor(() => kinds(live.sink.events, 'file_edit').length > 0, 'the live rollout followed');
    liveRun.type('bye');
    assert.equal(await liveRun.exit, 0);
    await live.session.stop();
    assert.deepEqual(texts(live.sink.events, 'prompt'), ['still here', 'bye']);
    assert.notEqual(short.session.transcript(), live.session.transcript());
  } finally {
    d.cleanup();
  }
});

test('a codex rollout of another directory is never taken', async () => {
  const d = tempDirs();
  try {
    const r = begin(d, ['codex'], script('mine', 'm.txt'), 'aisess-1');
    const other = runFake(['codex'], d.store, agentEnv(d, script('not mine', 'x.txt')));
    await other.exit;
    const mine = runFake(r.session.argv, d.work, r.session.env as NodeJS.ProcessEnv);
    r.session.attachPid(mine.pid);
    await mine.exit;
    await r.session.stop();
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['mine']);
  } finally {
    d.cleanup();
  }
});

test('codex resume <id>: that rollout, only new lines, session id from its first line', async () => {
  const d = tempDirs();
  try {
    await before(d, ['codex'], 'first run');
    const [, id] = /-([0-9a-f-]{36})\.jsonl$/.exec(findRollouts(d.codexHome)[0] ?? '') ?? [];
    assert.ok(id);
    const r = await record(d, ['codex', 'resume', id], script('second run', 'n.txt'), 'aisess-1');
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['second run']);
    assert.equal(sessionId(kinds(r.sink.events, 'session')), id);
    assert.equal(findRollouts(d.codexHome).length, 1);
  } finally {
    d.cleanup();
  }
});

/** What Codex's local_thread_store_compression does to a rollout untouched for 7 days. */
function compressRollout(file: string): string {
  writeFileSync(`${file}.zst`, compress(readFileSync(file)));
  const old = new Date(Date.now() - 10 * 86_400_000);
  utimesSync(`${file}.zst`, old, old);
  rmSync(file);
  return `${file}.zst`;
}

for (const how of ['<id>', '--last'] as const) {
  test(`codex resume ${how} of a compressed rollout: followed where Codex writes it back plain, only new lines`, async () => {
    const d = tempDirs();
    try {
      await before(d, ['codex'], 'first run');
      const [plain = ''] = findRollouts(d.codexHome);
      const [, id = ''] = /-([0-9a-f-]{36})\.jsonl$/.exec(plain) ?? [];
      compressRollout(plain);
      const r = await record(d, ['codex', 'resume', how === '<id>' ? id : '--last'], script('second run', 'n.txt'), 'aisess-1');
      assert.equal(r.session.transcript(), plain);
      assert.deepEqual(texts(r.sink.events, 'prompt'), ['second run']);
      assert.equal(sessionId(kinds(r.sink.events, 'session')), id);
      assert.ok(kinds(r.sink.events, 'transcript').every((e) => e.kind === 'transcript' && !e.line.includes('first run')));
      assert.deepEqual(findRollouts(d.codexHome), [plain]);
    } finally {
      d.cleanup();
    }
  });
}

test('codex resume (picker): the thread the agent names, though another session\'s rollout grows first', async () => {
  const d = tempDirs();
  try {
    await before(d, ['codex'], 'older');
    const [older = ''] = findRollouts(d.codexHome);
    const [, olderId = ''] = /-([0-9a-f-]{36})\.jsonl$/.exec(older) ?? [];
    // Another Codex, not recorded, resumes the older session and writes to it while ours starts.
    const other = runFake(['codex', 'resume', olderId], d.work, agentEnv(d, [{ prompt: 'other one' }, { say: 'other says' }, { wait: 3000 }, { exit: 0 }]));
    await waitFor(() => readFileSync(older, 'utf8').includes('other one'), 'the other session to write');
    // An id Codex does not know: aisess cannot name the rollout up front (as with the picker).
    const r = await record(d, ['codex', 'resume', '00000000-0000-4000-8000-000000000000'], [{ wait: 400 }, ...script('mine', 'm.txt')], 'aisess-1');
    await other.exit;
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['mine']);
    assert.notEqual(r.session.transcript(), older);
    assert.ok(r.session.transcript()?.endsWith('.jsonl'));
  } finally {
    d.cleanup();
  }
});

test('codex resume --last without the agent\'s pid (no exact identity): the newest rollout of our directory, new lines only', async () => {
  const d = tempDirs();
  try {
    await before(d, ['codex'], 'first run');
    const [plain = ''] = findRollouts(d.codexHome);
    const r = begin(d, ['codex', 'resume', '--last'], script('second run', 'n.txt'), 'aisess-1');
    const child = runFake(r.session.argv, d.work, r.session.env as NodeJS.ProcessEnv);
    assert.equal(await child.exit, 0);
    await r.session.stop();
    assert.equal(r.session.transcript(), plain);
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['second run']);
  } finally {
    d.cleanup();
  }
});

test('codex exec is followed like a fresh session', async () => {
  const d = tempDirs();
  try {
    const r = await record(d, ['codex', 'exec', 'do it'], script('do it', 'e.txt'), 'aisess-1');
    assert.deepEqual(texts(r.sink.events, 'prompt'), ['do it']);
    assert.ok(findRollouts(d.codexHome).some((f) => f === r.session.transcript()));
  } finally {
    d.cleanup();
  }
});

test('default config dirs come from HOME when CLAUDE_CONFIG_DIR and CODEX_HOME are unset', async () => {
  const d = tempDirs();
  try {
    const env = { HOME: d.store, FAKE_AGENT_TRANSCRIPT: '1', CLAUDE_CONFIG_DIR: undefined, CODEX_HOME: undefined };
    const c = await record(d, ['claude'], script('home claude', 'h.txt'), 'aisess-1', { env: { ...agentEnv(d, script('home claude', 'h.txt')), ...env } });
    assert.ok(c.session.transcript()?.startsWith(join(d.store, '.claude', 'projects')));
    assert.deepEqual(texts(c.sink.events, 'prompt'), ['home claude']);
    const x = await record(d, ['codex'], script('home codex', 'h.txt'), 'aisess-2', { env: { ...agentEnv(d, script('home codex', 'h.txt')), ...env } });
    assert.ok(x.session.transcript()?.startsWith(join(d.store, '.codex', 'sessions')));
    assert.deepEqual(texts(x.sink.events, 'prompt'), ['home codex']);
    assert.equal(existsSync(join(d.claudeDir, 'projects')), false);
  } finally {
    d.cleanup();
  }
});

function findRollouts(codexHome: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.startsWith('rollout-')) out.push(join(dir, e.name));
    }
  };
  if (existsSync(join(codexHome, 'sessions'))) walk(join(codexHome, 'sessions'));
  return out;
}
