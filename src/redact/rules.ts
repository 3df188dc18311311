/**
 * The rule set: secretlint's recommended preset, aisess's own format rules for what it misses,
 * the generic assignment/.env rules, high-entropy tokens, and the user's git config additions:
 * `aisess.redact.pattern` (a regex; its first capture group, if any, is the secret) and
 * `aisess.redact.allow` (a regex; hits whose text it matches are kept).
 */
import { UserError } from '../errors/user-error.js';
import { requireConfig } from '../config/aisess-config.js';
import type { GitRunner } from '../git/runner.js';
import { ASSIGNMENT_RULES } from './assign.js';
import { entropyDetector } from './entropy.js';
import { FORMAT_RULES, patternDetector, re, type PatternRule } from './patterns.js';
import { secretlintDetector } from './secretlint.js';
import type { Detector, Rules } from './types.js';

export const PATTERN_CONFIG = 'aisess.redact.pattern';
export const ALLOW_CONFIG = 'aisess.redact.allow';

export interface RuleOptions {
  /** Extra secret regexes (sources). */
  patterns?: readonly string[];
  /** Regexes (sources) of hit texts that are not secrets. */
  allow?: readonly string[];
  /** Keep leaking OSC sequences (titles, cwd, file links) in raw streams; default false. */
  keepOsc?: boolean;
  /** Leave out detector families (benchmarks compare them); default none. */
  without?: readonly ('secretlint' | 'formats' | 'assignments' | 'entropy')[];
}

let preset: Detector | null = null;

export function builtinRules(opts: RuleOptions = {}): Rules {
  const without = new Set(opts.without ?? []);
  const detectors: Detector[] = [];
  if (!without.has('secretlint')) detectors.push((preset ??= secretlintDetector()));
  if (!without.has('formats')) detectors.push(patternDetector(FORMAT_RULES));
  if (!without.has('assignments')) detectors.push(patternDetector(ASSIGNMENT_RULES));
  if (!without.has('entropy')) detectors.push(entropyDetector);
  const user = (opts.patterns ?? []).map((p) => userRule(p));
  if (user.length > 0) detectors.push(patternDetector(user));
  return { detectors, allow: (opts.allow ?? []).map((a) => compile(a, ALLOW_CONFIG, '')), dropOsc: !opts.keepOsc };
}

/** Built-ins plus the repository's (and the user's global) git config additions; a bad regex there is a ConfigError. */
export async function loadRules(repo: { git: GitRunner }, opts: Omit<RuleOptions, 'patterns' | 'allow'> = {}): Promise<Rules> {
  const config = await requireConfig(repo.git, ['redactPatterns', 'redactAllow']);
  return builtinRules({ ...opts, patterns: config.redactPatterns, allow: config.redactAllow });
}

function userRule(source: string): PatternRule {
  const pattern = compile(source, PATTERN_CONFIG, 'g');
  const groups = new RegExp(`${pattern.source}|`).exec('')!.length - 1;
  return { kind: 'user-pattern', pattern: re(pattern.source, pattern.flags), group: groups > 0 ? 1 : 0, priority: 3 };
}

function compile(source: string, key: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new UserError(`git config ${key} has an invalid regular expression '${source}': ${(err as Error).message}`, {
      kind: 'badData',
      hint: `fix it with \`git config --unset-all ${key}\` and add it again`,
    });
  }
}
