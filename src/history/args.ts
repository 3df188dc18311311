/** Pure helpers for the history commands' arguments. */
import { UserError } from '../cli/errors.js';

/** Values of a repeatable option, each of which may be a comma-separated list. */
export function splitList(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * Segment numbers as people count them (from 1, as `aisess status` and `show` print them) → the
 * session's segment indexes (from 0, as record ids hold them); a usage error for anything else.
 */
export function segmentIndexes(values: readonly string[], flag = '--segment'): number[] {
  return values.map((v) => {
    if (!/^\d+$/.test(v) || Number(v) === 0) throw new UserError(`${flag} expects a segment number (1, 2, …, as \`aisess status\` lists them), got '${v}'`);
    return Number(v) - 1;
  });
}

/** A positive whole number for -n, or a usage error. */
export function positiveCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0) throw new UserError(`${flag} expects a positive whole number, got '${value}'`);
  return Number(value);
}
