/**
 * The binder's git config, checked before it binds: a value it cannot read is an error that names
 * the key, the value and what is expected (recorded as a failed bind, shown by `aisess status` and
 * in one line by the next command), never a silent fallback that writes notes the user did not ask for.
 */
import type { Repo } from '../git/repo.js';
import { loadRules } from '../redact/index.js';
import { parseExpiry } from '../segment/expiry.js';
import { configValue } from './git-facts.js';

export interface ConfigProblem {
  key: string;
  value: string;
  expected: string;
}

const BOOLEAN = /^(true|false|yes|no|on|off|1|0)$/i;
const SIZE = /^\s*(\d+\s*[kmg]?i?b?|off|none)\s*$/i;

export async function configProblems(repo: Repo): Promise<ConfigProblem[]> {
  const [expiry, budget, autoInit] = await Promise.all([
    configValue(repo, 'aisess.pendingExpiry'), configValue(repo, 'aisess.noteBudget'), configValue(repo, 'aisess.autoInit'),
  ]);
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
  return problems;
}

/** Throws the first problem as an error naming it (the redaction rules' own check included). */
export async function checkConfig(repo: Repo): Promise<void> {
  const [first] = await configProblems(repo);
  if (first) throw new Error(`git config ${first.key} is '${first.value}': expected ${first.expected} (fix it, then \`aisess status\` binds what waits)`);
  await loadRules(repo);
}
