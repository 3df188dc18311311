/**
 * Pure helpers for the history commands' arguments. citty keeps only the last value of a repeated
 * option, so `--segment 1 --segment 2` is read from the raw argv here.
 */
import { UserError } from '../cli/errors.js';

/** Every value of `--name X`, `--name=X` (comma lists split), in order. */
export function repeatedOption(rawArgs: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    if (arg === '--') break;
    if (arg === `--${name}` && rawArgs[i + 1] !== undefined) values.push(rawArgs[++i]!);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** Non-negative integers, or a usage error naming the option and the value. */
export function segmentIndexes(values: readonly string[], flag = '--segment'): number[] {
  return values.map((v) => {
    if (!/^\d+$/.test(v)) throw new UserError(`${flag} expects a segment number (0, 1, …), got '${v}'`);
    return Number(v);
  });
}

/** A positive whole number for -n, or a usage error. */
export function positiveCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0) throw new UserError(`${flag} expects a positive whole number, got '${value}'`);
  return Number(value);
}
