/**
 * Runs fuzz trials in a worker thread with a watchdog: a decoder stuck in a loop cannot be stopped
 * from inside (the case never returns to fast-check), but a worker can be terminated. The hung
 * trial is reported as failed with its seed and the worker restarts for the trials after it.
 */
import { Worker } from 'node:worker_threads';
import { allTrials } from './trials.js';
import { trialName, TRIAL_TIME_LIMIT_MS, type TrialResult } from './trial.js';
import type { WorkerJob, WorkerMessage } from './worker.js';

export interface RunOptions {
  seed: number;
  /** Multiplies each trial's number of cases (1 in CI; the reliability report runs more). */
  scale: number;
  /** Only the trials whose name contains this. */
  only?: string;
  /** fast-check's replay path of a failure (with its seed and `only`). */
  path?: string;
  /** A trial that has not finished after this long is a hang. */
  hangMs?: number;
  onResult?(result: TrialResult): void;
}

// Node 20 does not run --import hooks in workers: tsx is registered by hand there.
const workerUrl = new URL('./worker.ts', import.meta.url).href;
const WORKER_SOURCE = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); })`;

export async function runTrials(opts: RunOptions): Promise<TrialResult[]> {
  let pending = allTrials.map(trialName).filter((n) => !opts.only || n.includes(opts.only));
  const results: TrialResult[] = [];
  const add = (r: TrialResult) => {
    results.push(r);
    opts.onResult?.(r);
  };
  while (pending.length > 0) {
    const done = await runInWorker({ seed: opts.seed, scale: opts.scale, names: pending, path: opts.path }, opts.hangMs ?? 3 * TRIAL_TIME_LIMIT_MS, add);
    pending = pending.slice(done);
  }
  return results;
}

/** Runs `job` until it ends or hangs; returns how many of its trials have a result (a hang counts). */
function runInWorker(job: WorkerJob, hangMs: number, add: (r: TrialResult) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: job });
    let finished = 0;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    worker.on('message', (m: WorkerMessage) => {
      clearTimeout(timer);
      if (m.kind === 'result') {
        finished++;
        add(m.result);
        return;
      }
      timer = setTimeout(() => {
        stopped = true;
        add(lost(m.name, job.seed, hangMs, `no result after ${hangMs} ms: a case hangs (the worker was terminated)`));
        void worker.terminate().then(() => resolve(finished + 1));
      }, hangMs);
    });
    worker.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      if (stopped || finished === job.names.length) return resolve(finished);
      // A decoder that ends the process (process.exit, a native abort) takes the worker with it.
      add(lost(job.names[finished]!, job.seed, 0, `the worker exited (code ${code}) during the trial`));
      resolve(finished + 1);
    });
  });
}

function lost(name: string, seed: number, ms: number, error: string): TrialResult {
  const t = allTrials.find((x) => trialName(x) === name)!;
  return {
    name, decoder: t.decoder, target: t.target, property: t.property, seed, cases: 0, held: false, interrupted: false, ms,
    failure: { error, counterexample: '(unknown: replay the seed)', path: null },
  };
}
