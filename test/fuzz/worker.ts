/**
 * Worker side of runner.ts: runs the trials it is given, one after another, and posts a message
 * before and after each, so the main thread can tell a hanging case from a slow trial.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTrial, trialName, type Trial, type TrialResult } from './trial.js';

export interface WorkerJob {
  /** URL of the module whose `allTrials` holds the trials (test/fuzz/trials.ts). */
  registry: string;
  seed: number;
  /** Multiplies each trial's own number of cases. */
  scale: number;
  names: string[];
  path?: string;
}

export type WorkerMessage = { kind: 'start'; name: string } | { kind: 'result'; result: TrialResult };

const job = workerData as WorkerJob;
const { allTrials } = (await import(job.registry)) as { allTrials: readonly Trial[] };
for (const name of job.names) {
  const t = allTrials.find((x) => trialName(x) === name);
  if (!t) throw new Error(`no fuzz trial named ${JSON.stringify(name)}`);
  parentPort!.postMessage({ kind: 'start', name } satisfies WorkerMessage);
  parentPort!.postMessage({ kind: 'result', result: attempt(t, job) } satisfies WorkerMessage);
}

/** A trial whose generator throws is a broken trial: reported as a failure, the others still run. */
function attempt(t: Trial, job: WorkerJob): TrialResult {
  try {
    return runTrial(t, job.seed, Math.max(1, Math.round(t.runs * job.scale)), job.path);
  } catch (err) {
    return {
      name: trialName(t), decoder: t.decoder, target: t.target, property: t.property, seed: job.seed, cases: 0, held: false, interrupted: false, ms: 0,
      failure: { error: `the trial itself threw (not the decoder): ${(err as Error).stack ?? String(err)}`, counterexample: '(none)', path: null },
    };
  }
}
