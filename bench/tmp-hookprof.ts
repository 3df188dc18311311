import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { realpathSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { initRepo, storeDirOf } from '../src/hooks/init.js';
import { openRepo } from '../src/git/repo.js';
import { recordSession } from '../test/bind/session.js';
import { cliEntry } from '../test/helpers/cli.js';
import { gitEnv, tempRepo } from '../test/helpers/git.js';
import { run, timeCommit, waitBinders, timeNote, refValue } from './lib/hook-kit.js';
const dir = tempRepo({ 'a.txt': 'a0\n', 'b.txt': 'b0\n', 'c.txt': 'c\n' });
const path = realpathSync(dir.path);
const repo = await openRepo(path, { env: gitEnv });
const store = storeDirOf(repo);
const { hooksDir } = await initRepo(repo, { node: process.execPath, cli: cliEntry() });
const s = await recordSession(path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }, { write: { 'c.txt': 'c1\n' } }]);
const prof = process.argv[2] === 'prof';
const env = { ...process.env, ...gitEnv, ...(process.argv[2] === 'trace' ? { GIT_TRACE: '/tmp/hp/trace.txt' } : {}) };
for (const [i, f] of ['a.txt', 'b.txt', 'c.txt'].entries()) {
  run(path, env, ['add', f]);
  const before = refValue(repo.commonDir, 'refs/notes/aisess');
  const noHooks = join(repo.commonDir, 'nohooks'); mkdirSync(noHooks, { recursive: true });
  timeCommit(path, env, noHooks, ['-m', f]);
  const sha = run(path, env, ['rev-parse', 'HEAD']);
  const t0 = performance.now();
  execFileSync(process.execPath, [...(prof ? ['--cpu-prof', '--cpu-prof-dir=/tmp/hp'] : []), cliEntry(), 'hook', 'post-commit', sha], { cwd: path, env, stdio: 'inherit' });
  console.log(f, (performance.now() - t0).toFixed(0), 'ms');
}
dir.cleanup();
