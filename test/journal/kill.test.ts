import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { readJournal } from '../../src/journal/reader.js';
import { runCli } from '../helpers/cli.js';
import { fixturesDir, repoRoot } from '../helpers/cli.js';
import { tempRepo } from '../helpers/git.js';

/** Flush period plus generous slack for two shared, noisy cores. */
const MAX_LOSS_MS = 2000;

test('kill -9 of a recording process loses at most about a second, and the next command recovers it', async (t) => {
  const repo = tempRepo({ 'README.md': 'hi\n' });
  t.after(() => repo.cleanup());
  const child = spawn(process.execPath, ['--import', 'tsx', join(fixturesDir, 'journal', 'record-loop.ts'), repo.path], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => child.kill('SIGKILL'));
  let journal = '';
  let lastSeenMs = -1;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('READY ')) journal = line.slice(6);
    const m = /^line \d+ t=(\d+)$/.exec(line);
    if (m) lastSeenMs = Number(m[1]);
    if (lastSeenMs >= 2500) {
      child.kill('SIGKILL');
      break;
    }
  }
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  assert.equal(child.signalCode, 'SIGKILL');
  assert.equal(journal, join(repo.path, '.git', 'aisess', 'sessions', `${journal.split('/').at(-1)}`));

  const before = await readJournal(journal);
  const lines = before.events.map((e) => e.data);
  lines.forEach((l, i) => assert.match(l, new RegExp(`^line ${i} t=\\d+\\n$`), 'an intact prefix, no gaps'));
  const lastRecordedMs = Number(/t=(\d+)/.exec(lines.at(-1) ?? 't=-1')![1]);
  assert.ok(lastRecordedMs >= lastSeenMs - MAX_LOSS_MS, `journal reaches ${lastRecordedMs} ms, kill at ${lastSeenMs} ms`);

  const r = runCli(['sessions', '--json'], { cwd: repo.path });
  assert.equal(r.status, 0, r.stderr);
  const [session, ...others] = JSON.parse(r.stdout) as { status: string; events: number; path: string }[];
  assert.equal(others.length, 0);
  assert.equal(session?.status, 'recovered');
  assert.equal(session?.path, journal);

  const after = await readJournal(journal);
  assert.deepEqual(after.damage, []);
  assert.deepEqual(after.events.slice(0, before.events.length), before.events);
  assert.equal(after.events.at(-1)?.code, 'aisess.recovered');
  assert.equal(session?.events, after.events.length);
  // The recovered file is still a plain asciicast to `zstd -dc`.
  const text = execFileSync('zstd', ['-dc', journal], { encoding: 'utf8' });
  assert.equal(text.trimEnd().split('\n').length, 1 + after.events.length);
});
