/**
 * One fuzz trial: a decoder of foreign input, a property it must hold, and the fast-check run that
 * tries it. Results are plain data, so a worker thread can run trials and the test and
 * scripts/reliability.ts can report them.
 */
import fc from 'fast-check';

export interface Trial {
  /** The kind of foreign input, e.g. "note lines"; the report groups by it. */
  decoder: string;
  /** The function fuzzed, e.g. "parseNote (src/notes/codec.ts)". */
  target: string;
  property: string;
  /** Cases per seed in a CI run; the reliability report runs a multiple. */
  runs: number;
  check(seed: number, numRuns: number, path?: string): CheckDetails;
}

/** What a trial's run tells (fast-check's RunDetails, whatever the property's type). */
export type CheckDetails = Pick<fc.RunDetailsCommon<unknown>, 'failed' | 'interrupted' | 'numRuns' | 'counterexample' | 'errorInstance' | 'counterexamplePath'>;

export interface TrialResult {
  /** `<decoder>: <property>`, unique. */
  name: string;
  decoder: string;
  target: string;
  property: string;
  seed: number;
  cases: number;
  held: boolean;
  /** The time limit stopped the run before every case was tried (not a failure). */
  interrupted: boolean;
  ms: number;
  failure?: { error: string; counterexample: string; path: string | null };
}

/**
 * One case may take this long; a slower one fails with its input as the counterexample (catches
 * superlinear blow-ups; a case that never returns is the watchdog's, see runner.ts).
 */
export const CASE_BUDGET_MS = 2_000;
/** A whole trial stops trying new cases after this long (a slow machine runs fewer, never longer). */
export const TRIAL_TIME_LIMIT_MS = 20_000;
const EXCERPT = 1_500;

export function trialName(t: Pick<Trial, 'decoder' | 'property'>): string {
  return `${t.decoder}: ${t.property}`;
}

/** A trial whose predicate throws (or returns false) when the property does not hold. */
export function trial<T>(
  meta: Omit<Trial, 'check'>,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => boolean | void,
): Trial {
  const timed = (value: T): boolean | void => {
    const start = performance.now();
    const ok = predicate(value);
    const ms = performance.now() - start;
    if (ms > CASE_BUDGET_MS) throw new Error(`one case took ${Math.round(ms)} ms (budget ${CASE_BUDGET_MS} ms)`);
    return ok;
  };
  return {
    ...meta,
    check: (seed, numRuns, path) => fc.check(fc.property(arbitrary, timed), {
      seed, numRuns, interruptAfterTimeLimit: TRIAL_TIME_LIMIT_MS, ...(path !== undefined && { path, endOnFailure: true }),
    }),
  };
}

/** Runs a trial and turns fast-check's details into a result. */
export function runTrial(t: Trial, seed: number, numRuns: number, path?: string): TrialResult {
  const start = performance.now();
  const d = t.check(seed, numRuns, path);
  const result: TrialResult = {
    name: trialName(t), decoder: t.decoder, target: t.target, property: t.property, seed,
    cases: d.numRuns, held: !d.failed, interrupted: d.interrupted, ms: Math.round(performance.now() - start),
  };
  if (d.failed) {
    const err = d.errorInstance;
    result.failure = {
      error: excerpt(err instanceof Error ? `${err.name}: ${err.message}` : String(err)),
      counterexample: excerpt(fc.stringify(d.counterexample)),
      path: d.counterexamplePath,
    };
  }
  return result;
}

/** Runs of one character (a deep nesting, a huge string) are shown as a count. */
function excerpt(text: string): string {
  const short = text.replace(/(.)\1{19,}/gs, (run, c: string) => `${c.repeat(3)}…(${run.length} × ${JSON.stringify(c)})…`);
  return short.length > EXCERPT ? `${short.slice(0, EXCERPT)}… (${short.length} chars)` : short;
}
