/**
 * Runs fuzz trials in a worker thread with a watchdog: a decoder stuck in a loop cannot be stopped
 * from inside (the case never returns to fast-check), but a worker can be terminated. The hung
 * trial is reported as failed with its seed and the worker restarts for the trials after it.
 */
import { Worker } from 'node:worker_threads';
import { moduleUrl, workerSource } from '../helpers/compiled.js';
import { trialName, TRIAL_TIME_LIMIT_MS, type Trial, type TrialResult } from './trial.js';
import type { WorkerJob, WorkerMessage } from './worker.js';

export interface RunOptions {
  seed: number;
  /** Multiplies each trial's number of cases (1 in CI; the reliability report runs more). */
  scale: number;
  /** Only the trials whose name (`<decoder>: <property>`) or target function contains this. */
  only?: string;
  /** fast-check's replay path of a failure (with its seed and `only`). */
  path?: string;
  /** A trial that has not finished after this long is a hang. */
  hangMs?: number;
  onResult?(result: TrialResult): void;
  /** URL of the module whose `allTrials` to run; every fuzz trial (trials.ts) unless given. */
  registry?: string;
}

const WORKER_SOURCE = workerSource(moduleUrl('./worker.ts', import.meta.url));

export async function runTrials(opts: RunOptions): Promise<TrialResult[]> {
  const registry = opts.registry ?? moduleUrl('./trials.ts', import.meta.url).href;
  const { allTrials } = (await import(registry)) as { allTrials: readonly Trial[] };
  const only = opts.only;
  let pending = allTrials.filter((t) => !only || trialName(t).includes(only) || t.target.includes(only)).map(trialName);
  const results: TrialResult[] = [];
  const add = (r: TrialResult) => {
    results.push(r);
    opts.onResult?.(r);
  };
  while (pending.length > 0) {
    const job = { registry, seed: opts.seed, scale: opts.scale, names: pending, path: opts.path };
    const done = await runInWorker(job, allTrials, opts.hangMs ?? 3 * TRIAL_TIME_LIMIT_MS, add);
    pending = pending.slice(done);
  }
  return results;
}

/** Runs `job` until it ends or hangs; returns how many of its trials have a result (a hang counts). */
function runInWorker(job: WorkerJob, trials: readonly Trial[], hangMs: number, add: (r: TrialResult) => void): Promise<number> {
  const lost = (name: string, ms: number, error: string): TrialResult => {
    const t = trials.find((x) => trialName(x) === name)!;
    return {
      name, decoder: t.decoder, target: t.target, property: t.property, seed: job.seed, cases: 0, held: false, interrupted: false, ms,
      failure: { error, counterexample: '(unknown: replay the seed)', path: null },
    };
  };
  return new Promise((resolve) => {
    // A young generation larger than node's default: the trials allocate hundreds of MB of short-lived
    // strings, and fewer scavenges save ~10% of the file's CPU (a flag for the whole test process
    // instead made every process it spawns costlier to fork).
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
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
        finished++;
        add(lost(m.name, hangMs, `no result after ${hangMs} ms: a case hangs (the worker was terminated)`));
        // 'exit' follows and resolves with the hung trial counted.
        void worker.terminate();
      }, hangMs);
    });
    // An error outside fast-check (a decoder's stray async throw, a registry that does not load) or
    // a decoder that ends the thread (process.exit) fails the trial that was running, not the run.
    let crash: string | undefined;
    worker.on('error', (err) => {
      crash = `the worker died: ${err.stack ?? err.message}`;
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      if (stopped || finished === job.names.length) return resolve(finished);
      add(lost(job.names[finished]!, 0, crash ?? `the worker exited (code ${code}) during the trial`));
      resolve(finished + 1);
    });
  });
}
