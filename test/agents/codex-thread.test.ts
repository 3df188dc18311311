import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { lockThread, rolloutOfThreads, threadsNamed } from '../../src/agents/codex-thread.js';
import { treeState } from '../../src/agents/procfs.js';
import { eventually } from '../helpers/wait.js';

const A = '01a249e3-1bc4-7282-b867-d80a061033b4';
const B = '01a249e4-5cf8-7361-b8d8-4a10b96cf0e5';

const lockRows: [string, string | undefined][] = [
  [`/h/.codex/thread-writer-locks/${A}.lock`, A],
  [`/h/.codex/thread-writer-locks/.coordination.lock`, undefined],
  [`/h/.codex/sessions/2026/12/06/rollout-2026-12-06T05-45-50-${A}.jsonl`, undefined],
  [`/h/thread-writer-locks/${A}.lock.tmp`, undefined],
];
for (const [file, expected] of lockRows) test(`lockThread ${file.split('/').pop()}`, () => assert.equal(lockThread(file), expected));

test('the first lock seen leads; environment ids follow, once each', () => {
  const held = new Set([`/h/thread-writer-locks/${A}.lock`, '/h/sessions/x.jsonl', `/h/thread-writer-locks/${B}.lock`]);
  assert.deepEqual(threadsNamed({ held, env: new Set([B, A]) }), [A, B]);
  assert.deepEqual(threadsNamed({ held: new Set(), env: new Set([B]) }), [B]);
});

test('the rollout of the first named thread that has one, plain or compressed', () => {
  const files = [`/s/rollout-1-${B}.jsonl`, `/s/rollout-2-${A}.jsonl.zst`];
  assert.equal(rolloutOfThreads(files, [A, B]), files[1]);
  assert.equal(rolloutOfThreads(files, ['00000000-0000-0000-0000-000000000000', B]), files[0]);
  assert.equal(rolloutOfThreads(files, []), undefined);
});

test('treeState: a variable the descendants were given, not one the root inherited', { skip: !existsSync('/proc/self/environ') && 'no /proc' }, async () => {
  // Like aisess inside another Codex's shell: the agent inherited one id, its commands got their own.
  const agent = spawn('sh', ['-c', 'AISESS_T_ID=mine sleep 5 & sleep 5 & wait'], { env: { ...process.env, AISESS_T_ID: 'outer' }, stdio: 'ignore', detached: true });
  try {
    const state = await eventually(() => treeState(agent.pid as number, 'AISESS_T_ID'), (s) => (s?.env.size ?? 0) > 0, { timeoutMs: 2500, intervalMs: 50 });
    assert.deepEqual([...(state?.env ?? [])], ['mine']);
  } finally {
    process.kill(-(agent.pid as number));
  }
});
