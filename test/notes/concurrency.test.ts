import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { listNotedCommits, readNote } from '../../src/notes/index.js';
import { moduleUrl, nodeArgs } from '../helpers/compiled.js';
import { git, tempRepo } from '../helpers/git.js';
import { manyCommits, open } from './helpers.js';

const worker = fileURLToPath(moduleUrl('./append-worker.ts', import.meta.url));
const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));

/** Runs a worker process to completion; resolves to the attempts each of its writes took. */
function runWorker(dir: string, id: number, iterations: number, commits: string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs(worker), dir, String(id), String(iterations), ...commits], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.stderr.on('data', (b: Buffer) => (err += b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim().split('\n').map(Number)) : reject(new Error(`worker ${id} exited ${code}: ${err}`))));
  });
}

const WORKERS = 4;
const ITERATIONS = 12;

describe('concurrent appendRecords from separate processes', { timeout: 180_000 }, () => {
  test('same commit: every record lands', async () => {
    const r = tempRepo({ 'a.txt': 'a\n' });
    cleanups.push(r.cleanup);
    const head = git(r.path, ['rev-parse', 'HEAD']);
    const attempts = (await Promise.all(Array.from({ length: WORKERS }, (_, w) => runWorker(r.path, w, ITERATIONS, [head])))).flat();
    const { records, problems } = await readNote(await open(r.path), head);
    assert.equal(records.length, WORKERS * ITERATIONS);
    assert.deepEqual(problems, []);
    assert.equal(attempts.length, WORKERS * ITERATIONS);
    // Every write moved the ref by one commit: none overwrote another.
    assert.equal(Number(git(r.path, ['rev-list', '--count', 'refs/notes/aisess'])), WORKERS * ITERATIONS);
  });

  test('different commits: every record lands on its commit', async () => {
    const r = tempRepo({ 'a.txt': 'a\n' });
    cleanups.push(r.cleanup);
    const commits = manyCommits(r.path, 300);
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => runWorker(r.path, w, ITERATIONS, commits.slice(w * 50, w * 50 + ITERATIONS))));
    const repo = await open(r.path);
    assert.equal((await listNotedCommits(repo)).size, WORKERS * ITERATIONS);
    for (let w = 0; w < WORKERS; w++) {
      const note = await readNote(repo, commits[w * 50 + 5]!);
      assert.deepEqual(note.records.map((x) => x.id), [`w${w}:5`]);
    }
    assert.equal(git(r.path, ['notes', '--ref=aisess', 'list']).split('\n').length, WORKERS * ITERATIONS);
  });
});
