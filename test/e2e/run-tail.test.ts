import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readJournal } from '../../src/journal/reader.js';
import { findSession, journalPath } from '../../src/store/sessions.js';
import { tempDir } from '../helpers/git.js';
import { cliInTerminal } from '../helpers/term.js';

const RUNS = 100;
const CONCURRENCY = 4;

/** ~300 KB of text with multi-byte characters, so chunk boundaries split some of them. */
function bigText(): string {
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < 300_000; i++) {
    lines.push(`${String(i).padStart(5, '0')} ü€😀 ${'abcdefghij'.repeat(6)} ${i % 7 === 0 ? '日本語' : 'x'}`);
  }
  return `${lines.join('\n')}\nTHE-END\n`;
}

async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('aisess run: the agent\'s final output is never lost', { timeout: 600_000 }, () => {
  let dir: { path: string; cleanup: () => void };
  let file: string;
  let expected: string;
  before(() => {
    dir = tempDir('aisess-tail-');
    file = join(dir.path, 'big.txt');
    const text = bigText();
    writeFileSync(file, text);
    // The agent's pty turns "\n" into "\r\n"; the user's raw terminal passes that on unchanged.
    expected = text.replaceAll('\n', '\r\n');
  });
  after(() => dir.cleanup());

  it(`delivers every byte of ~300 KB printed just before exit, ${RUNS} runs, to the terminal and the recording`, async () => {
    const failures = await pool(RUNS, CONCURRENCY, async (i) => {
      const t = cliInTerminal(['run', '--', 'sh', '-c', 'echo "ID=$AISESS_SESSION"; exec cat "$1"', 'sh', file], {
        cwd: dir.path, env: { AISESS_STATE_DIR: join(dir.path, 'state') },
      });
      const status = await t.exited;
      const screen = t.output();
      const id = /ID=(\S+)\r\n/.exec(screen)?.[1];
      const problems: string[] = [];
      if (!('code' in status) || status.code !== 0) problems.push(`status ${JSON.stringify(status)}`);
      if (!id) return [`run ${i}: no session id in ${JSON.stringify(screen.slice(0, 200))}`];
      const body = screen.slice(screen.indexOf('\r\n') + 2);
      if (body !== expected) problems.push(`terminal got ${body.length} of ${expected.length} chars`);
      const store = { dir: join(dir.path, 'state') };
      const journal = await readJournal(journalPath(store, await findSession(store, id)));
      const recorded = journal.events.filter((e) => e.code === 'o').map((e) => e.data).join('');
      if (recorded !== screen) problems.push(`recording has ${recorded.length} of ${screen.length} chars`);
      if (!journal.complete) problems.push('recording has no exit event');
      return problems.map((p) => `run ${i}: ${p}`);
    });
    assert.deepEqual(failures.flat(), []);
  });
});
