/**
 * Worker side of runner.ts: runs the trials it is given, one after another, and posts a message
 * before and after each, so the main thread can tell a hanging case from a slow trial.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { allTrials } from './trials.js';
import { runTrial, trialName } from './trial.js';

export interface WorkerJob {
  seed: number;
  /** Multiplies each trial's own number of cases. */
  scale: number;
  names: string[];
  path?: string;
}

export type WorkerMessage = { kind: 'start'; name: string } | { kind: 'result'; result: ReturnType<typeof runTrial> };

const job = workerData as WorkerJob;
for (const name of job.names) {
  const t = allTrials.find((x) => trialName(x) === name);
  if (!t) throw new Error(`no fuzz trial named ${JSON.stringify(name)}`);
  parentPort!.postMessage({ kind: 'start', name } satisfies WorkerMessage);
  const result = runTrial(t, job.seed, Math.max(1, Math.round(t.runs * job.scale)), job.path);
  parentPort!.postMessage({ kind: 'result', result } satisfies WorkerMessage);
}
