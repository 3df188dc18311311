/** Records a session journal with the journal's own recorder, driving the clock and the worktree by hand. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { blobsDir } from '../../src/store/blobs-dir.js';
import { startRecording } from '../../src/store/recording.js';
import { markPending } from '../../src/bind/pending-file.js';
import { locateStore } from '../../src/store/locate.js';
import { gitEnv, writeTree } from '../helpers/git.js';

export type Step = { out: string } | { write: Record<string, string> } | { remove: string[] } | { wait: number };

export interface Recorded {
  id: string;
  storeDir: string;
}

/** The blob of a working-tree file, kept readable in the store's object directory as the watcher keeps it. */
export function blobOf(repo: string, path: string, objectsDir?: string): string {
  const env = { ...process.env, ...gitEnv, ...(objectsDir && { GIT_OBJECT_DIRECTORY: objectsDir }) };
  return execFileSync('git', ['hash-object', ...(objectsDir ? ['-w'] : []), '--', path], { cwd: repo, encoding: 'utf8', env }).trim();
}

function blobOrNull(repo: string, path: string, objectsDir: string): string | null {
  return existsSync(join(repo, path)) ? blobOf(repo, path, objectsDir) : null;
}

/**
 * Runs the steps against the working tree: each write/remove is journaled as one worktree change,
 * as the live watcher would. With keepOpen the session stays 'running' (a live session).
 */
export async function recordSession(repo: string, steps: Step[], opts: { keepOpen?: boolean; baseline?: Record<string, string> } = {}) {
  let clock = 0;
  const rec = startRecording({
    agent: 'claude',
    argv: ['claude'],
    cwd: repo,
    term: { cols: 80, rows: 24 },
    captureInput: false,
    now: () => clock,
    onWarning: (m) => {
      throw new Error(m);
    },
  });
  if (!(await rec.ready)) throw new Error('recording did not start');
  const store = await locateStore(repo);
  const objects = blobsDir(store.dir);
  mkdirSync(objects, { recursive: true });
  const gitDir = execFileSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...gitEnv } }).trim();
  const headLog = statSync(join(gitDir, 'logs', 'HEAD'), { throwIfNoEntry: false })?.size;
  const dirty = Object.keys(opts.baseline ?? {});
  rec.event('aisess.worktree', { baseline: true, paths: dirty.map((p) => ({ path: p, blob: blobOf(repo, p, objects), status: 'modified' })), headLog });
  let changed = false;
  for (const step of steps) {
    clock += 1000;
    if ('out' in step) rec.output(step.out);
    else if ('wait' in step) clock += step.wait;
    else if ('write' in step) {
      const before = Object.keys(step.write).map((p) => blobOrNull(repo, p, objects));
      writeTree(repo, step.write);
      rec.event('aisess.worktree', { paths: Object.keys(step.write).map((p, i) => ({ path: p, blob: blobOf(repo, p, objects), before: before[i], status: 'modified' })) });
      changed = true;
    } else {
      const before = step.remove.map((p) => blobOrNull(repo, p, objects));
      for (const p of step.remove) execFileSync('rm', ['-f', '--', p], { cwd: repo });
      rec.event('aisess.worktree', { paths: step.remove.map((p, i) => ({ path: p, blob: null, before: before[i], status: 'deleted' })) });
      changed = true;
    }
  }
  if (changed) await markPending(store.dir, rec.id, repo, Date.now());
  const close = () => rec.close({ code: 0 });
  if (!opts.keepOpen) await close();
  return { id: rec.id, storeDir: store.dir, close };
}
