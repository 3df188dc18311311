import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tailFile } from '../../src/agents/tail.js';
import { sleep, waitFor } from '../helpers/wait.js';

test('a file that appears late, a partial last line completed later, a multi-byte character split by a write', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aisess-tail-'));
  try {
    const file = join(dir, 'late.jsonl');
    const lines: string[] = [];
    const tail = tailFile({ file, offset: 0, onLine: (l) => void lines.push(l), pollMs: 20 });
    await sleep(100);
    writeFileSync(file, '{"a":1}\n{"b":');
    await waitFor(() => lines.length === 1, 'the first line');
    await sleep(100);
    assert.deepEqual(lines, ['{"a":1}'], 'a partial line waits for its newline');
    const snow = Buffer.from('"☃"}\n{"c":3}\n');
    appendFileSync(file, snow.subarray(0, 2));
    await sleep(100);
    appendFileSync(file, snow.subarray(2));
    await waitFor(() => lines.length === 3, 'the completed lines');
    appendFileSync(file, '{"unterminated":true}');
    await tail.stop();
    assert.deepEqual(lines, ['{"a":1}', '{"b":"☃"}', '{"c":3}', '{"unterminated":true}']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reading starts at the offset given (lines there before are skipped)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aisess-tail-'));
  try {
    const file = join(dir, 'resumed.jsonl');
    writeFileSync(file, '{"old":1}\n');
    const lines: string[] = [];
    const tail = tailFile({ file, offset: 10, onLine: (l) => void lines.push(l), pollMs: 20 });
    appendFileSync(file, '{"new":2}\n');
    await waitFor(() => lines.length === 1, 'the new line');
    await tail.stop();
    assert.deepEqual(lines, ['{"new":2}']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a read that fails is reported, and the lines are read once it works again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aisess-tail-'));
  const file = join(dir, 't.jsonl');
  // A directory where the file should be: stat works, reading fails (EISDIR), as an I/O error would.
  mkdirSync(file);
  writeFileSync(join(file, 'x'), 'padding so the directory has a size');
  const lines: string[] = [];
  const errors: string[] = [];
  const tail = tailFile({ file, offset: 0, onLine: (l) => lines.push(l), pollMs: 20, onError: (err) => errors.push((err as NodeJS.ErrnoException).code ?? '') });
  try {
    await tail.sync();
    assert.ok(errors.includes('EISDIR'), `errors: ${errors.join(', ')}`);
    rmSync(file, { recursive: true });
    writeFileSync(file, '{"a":1}\n');
    await tail.sync();
    assert.deepEqual(lines, ['{"a":1}']);
  } finally {
    await tail.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
