/** The fuzz suite's seeds: one fixed, so a CI run is comparable with the last, and one new per run. */
export const FIXED_SEED = 20_261_206;

export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}
