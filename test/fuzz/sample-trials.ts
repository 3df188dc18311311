/**
 * Trials for runner.test.ts only (not part of the suite): one that holds, one that fails on a known
 * input, one whose decoder never returns, one whose decoder ends its thread, and one after those.
 */
import fc from 'fast-check';
import { trial, type Trial } from './trial.js';

const meta = (property: string) => ({ decoder: 'sample', target: 'none', property, runs: 50 });

export const allTrials: readonly Trial[] = [
  trial(meta('holds'), fc.nat(), (n) => n >= 0),
  trial(meta('fails from 1000 on'), fc.nat(5000), (n) => n < 1000),
  // Never returns, without spinning: the runner's deadline is what is under test, not the CPU.
  trial(meta('hangs'), fc.nat(), () => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }),
  trial(meta('exits the thread'), fc.nat(), () => {
    process.exit(3);
  }),
  trial(meta('holds after them'), fc.string(), (s) => typeof s === 'string'),
];
