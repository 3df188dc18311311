/**
 * What tells the worktree watcher "something may have changed". Only a hint: git is the truth
 * and the safety poll catches whatever a trigger drops. Variants are measured by bench/watch.ts.
 */
import { watch, type FSWatcher } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DirTrigger } from './trigger-dirs.js';
import type { Trigger, TriggerContext, TriggerKind } from './trigger-contract.js';

const inGitDir = (name: string | null) => name !== null && (name === '.git' || name.startsWith('.git/'));

/** fs.watch recursive on the main thread, deferred a tick: its synchronous walk still blocks then. */
function recursiveTrigger(ctx: TriggerContext): Trigger {
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Immediate | undefined;
  let stopped = false;
  return {
    start() {
      timer = setImmediate(() => {
        if (stopped) return;
        try {
          watcher = watch(ctx.root, { recursive: true, persistent: false }, (_ev, name) => {
            if (!inGitDir(name)) ctx.fire();
          });
          watcher.on('error', ctx.onError);
        } catch (err) {
          ctx.onError(err);
        }
      });
    },
    saw() {},
    stop() {
      stopped = true;
      if (timer) clearImmediate(timer);
      watcher?.close();
    },
  };
}

// Runs as CommonJS in the worker; coalesces events so the main thread gets a few messages, not thousands.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { watch } = require('node:fs');
let pending = null;
try {
  const w = watch(workerData.root, { recursive: true }, (ev, name) => {
    if (name && (name === '.git' || name.startsWith('.git/'))) return;
    if (!pending) pending = setTimeout(() => { pending = null; parentPort.postMessage('change'); }, 20);
  });
  w.on('error', (e) => parentPort.postMessage({ error: String(e && e.message || e) }));
} catch (e) {
  parentPort.postMessage({ error: String(e && e.message || e) });
}
`;

/** fs.watch recursive inside a worker thread: the walk blocks the worker, never the pty loop. */
function workerTrigger(ctx: TriggerContext): Trigger {
  let worker: Worker | undefined;
  return {
    start() {
      try {
        worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { root: ctx.root }, execArgv: [] });
        worker.on('message', (m: unknown) => (m === 'change' ? ctx.fire() : ctx.onError(new Error(String((m as { error?: string }).error)))));
        worker.on('error', ctx.onError);
        // After the listeners: adding a 'message' listener re-refs the worker's port.
        worker.unref();
      } catch (err) {
        ctx.onError(err);
      }
    },
    saw() {},
    stop() {
      void worker?.terminate();
    },
  };
}

export function createTrigger(kind: TriggerKind, ctx: TriggerContext): Trigger {
  if (kind === 'recursive') return recursiveTrigger(ctx);
  if (kind === 'worker') return workerTrigger(ctx);
  if (kind === 'dirs') return new DirTrigger(ctx);
  return { start() {}, saw() {}, stop() {} };
}
