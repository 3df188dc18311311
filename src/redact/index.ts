/** The redaction engine: pure and synchronous once rules are loaded. */
import { createRedactor, type CastEvent } from './redactor.js';
import type { Finding, Rules } from './types.js';

export { createRedactor, type CastEvent, type Redactor, type RedactorOptions } from './redactor.js';
export { builtinRules, loadRules, PATTERN_CONFIG, ALLOW_CONFIG, type RuleOptions } from './rules.js';
export { filterOsc, leaksOsc } from './osc.js';
export { marker, type Finding, type FindingWhere, type Rules } from './types.js';

export function redactEvents(events: readonly CastEvent[], rules: Rules): { events: CastEvent[]; findings: Finding[] } {
  return createRedactor(rules).events(events);
}

export function redactText(text: string, rules: Rules): { text: string; findings: Finding[] } {
  return createRedactor(rules).text(text);
}

export function redactValue<T>(value: T, rules: Rules): { value: T; findings: Finding[] } {
  return createRedactor(rules).value(value);
}
