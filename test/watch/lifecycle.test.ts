import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { nodeArgs } from '../helpers/compiled.js';
import { tempRepo } from '../helpers/git.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** Runs the child and resolves with its exit code and stdout; kills it (failing) after a generous wait. */
function runChild(root: string, trigger: string, mode: string): Promise<{ code: number | null; out: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs(join(import.meta.dirname, 'child.ts')), root, trigger, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let timedOut = false;
    child.stdout.on('data', (b) => (out += b));
    const timer = setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, timedOut });
    });
  });
}

for (const trigger of ['dirs', 'worker', 'recursive'])
  for (const mode of ['stop', 'leave'])
    test(`the process exits on its own after watching (${trigger} trigger, ${mode === 'stop' ? 'stopped' : 'never stopped'})`, async () => {
      const repo = tempRepo({ 'a.txt': 'a\n' });
      cleanups.push(repo.cleanup);
      const r = await runChild(repo.path, trigger, mode);
      assert.equal(r.timedOut, false, 'the child was still alive: a watcher kept it running');
      assert.equal(r.code, 0);
      assert.match(r.out, /change 1\ndone\n/);
    });
