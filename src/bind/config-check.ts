/**
 * The binder's git config, checked before it binds: a value it cannot read is an error that names
 * the key, the value and what is expected (recorded as a failed bind, shown by `aisess status` and
 * in one line by the next command), never a silent fallback that writes notes the user did not ask for.
 */
import type { ConfigSnapshot } from '../git/config-snapshot.js';
import { parseExpiry } from '../segment/expiry.js';

export interface ConfigProblem {
  key: string;
  value: string;
  expected: string;
}

const BOOLEAN = /^(true|false|yes|no|on|off|1|0)$/i;
const SIZE = /^\s*(\d+\s*[kmg]?i?b?|off|none)\s*$/i;

export function configProblems(config: ConfigSnapshot): ConfigProblem[] {
  const [expiry, budget, autoInit] = [config.get('aisess.pendingExpiry'), config.get('aisess.noteBudget'), config.get('aisess.autoInit')];
  const problems: ConfigProblem[] = [];
  if (expiry !== null && parseExpiry(expiry) === null) {
    problems.push({ key: 'aisess.pendingExpiry', value: expiry, expected: 'a duration such as "14 days", "36h", "2.weeks", or "never"' });
  }
  if (budget !== null && budget.trim() !== '' && !SIZE.test(budget)) {
    problems.push({ key: 'aisess.noteBudget', value: budget, expected: 'a size in bytes with an optional k/m/g suffix, or "off"' });
  }
  if (autoInit !== null && !BOOLEAN.test(autoInit.trim())) {
    problems.push({ key: 'aisess.autoInit', value: autoInit, expected: 'true or false' });
  }
  for (const key of ['aisess.redact.pattern', 'aisess.redact.allow']) {
    for (const value of config.getAll(key)) if (!isRegExp(value)) problems.push({ key, value, expected: 'a JavaScript regular expression' });
  }
  return problems;
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'g');
    return true;
  } catch {
    return false;
  }
}

/** The first problem as the message a failed bind records; null when the config reads fine. */
export function configError(config: ConfigSnapshot): string | null {
  const [first] = configProblems(config);
  return first ? `git config ${first.key} is '${first.value}': expected ${first.expected} (fix it, then \`aisess status\` binds what waits)` : null;
}
