/**
 * aisess's own format rules: what the secretlint preset misses (GitLab, PyPI, Stripe, JWT, Azure,
 * GCP API keys, connection strings of any scheme) and the generic assignment/.env rules.
 * Each pattern is global; `group` names the capture that is the secret (0: the whole match).
 */
import type { Detector, Hit } from './types.js';
import { execAll } from './matches.js';

export interface PatternRule {
  kind: string;
  pattern: RegExp;
  group?: number;
  priority: number;
  /** Extra check on the secret text (e.g. to skip placeholders). */
  accept?: (secret: string) => boolean;
  /**
   * False only for a text the pattern cannot match (it lacks a keyword every match holds): found far
   * faster than the pattern is tried at every position, so most text is not searched at all.
   */
  quick?: (text: string) => boolean;
}

// Word-ish boundaries that also hold next to '-' and '_' (tokens embed both).
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

export const FORMAT_RULES: PatternRule[] = [
  { kind: 'aws-access-key-id', pattern: re(`${B}(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}${E}`), priority: 3 },
  { kind: 'aws-secret-access-key', pattern: re(`aws.{0,20}?(?:secret|private).{0,20}?[=:"'\\s]{1,4}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`, 'gi'), group: 1, priority: 3, quick: has(/aws/i) },
  { kind: 'gcp-api-key', pattern: re(`${B}AIza[0-9A-Za-z_-]{35}${E}`), priority: 3 },
  { kind: 'gcp-oauth-secret', pattern: re(`${B}GOCSPX-[0-9A-Za-z_-]{28}${E}`), priority: 3 },
  { kind: 'azure-storage-key', pattern: re(`AccountKey=([A-Za-z0-9+/]{86}==)`), group: 1, priority: 3 },
  { kind: 'azure-sas-signature', pattern: re(`[?&]sig=([A-Za-z0-9%+/]{40,}=*)`), group: 1, priority: 3 },
  { kind: 'azure-client-secret', pattern: re(`${B}[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}${E}`), priority: 3 },
  { kind: 'github-token', pattern: re(`${B}gh[pousr]_[A-Za-z0-9]{36,251}${E}`), priority: 3 },
  { kind: 'github-token', pattern: re(`${B}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${E}`), priority: 3 },
  { kind: 'gitlab-token', pattern: re(`${B}(?:glpat|gldt|glrt|glptt|glsoat|glcbt|gloas)-[A-Za-z0-9_-]{20,}`), priority: 3 },
  { kind: 'gitlab-token', pattern: re(`${B}GR1348941[A-Za-z0-9_-]{20,}`), priority: 3 },
  { kind: 'npm-token', pattern: re(`${B}npm_[A-Za-z0-9]{36}${E}`), priority: 3 },
  { kind: 'pypi-token', pattern: re(`${B}pypi-AgE[A-Za-z0-9_-]{50,}`), priority: 3 },
  { kind: 'anthropic-key', pattern: re(`${B}sk-ant-[a-z]{2,8}\\d{0,3}-[A-Za-z0-9_-]{20,}`), priority: 3 },
  { kind: 'openai-key', pattern: re(`${B}sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}`), priority: 3 },
  { kind: 'openai-key', pattern: re(`${B}sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}${E}`), priority: 3 },
  { kind: 'openai-key', pattern: re(`${B}sk-[A-Za-z0-9]{48}${E}`), priority: 3 },
  { kind: 'slack-token', pattern: re(`${B}xox[abposre]-[0-9]+-[A-Za-z0-9-]{10,}`), priority: 3 },
  { kind: 'slack-token', pattern: re(`${B}xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+`), priority: 3 },
  { kind: 'slack-webhook', pattern: re(`https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{20,}`), priority: 3 },
  { kind: 'stripe-key', pattern: re(`${B}(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}`), priority: 3 },
  { kind: 'stripe-key', pattern: re(`${B}whsec_[A-Za-z0-9]{24,}`), priority: 3 },
  { kind: 'jwt', pattern: re(`${B}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{0,}`), priority: 3 },
  // A private key block, also JSON-escaped (`\n`) as in a GCP service-account key; a block cut off
  // before its END line (a scrolled or truncated screen) is redacted up to where base64 stops.
  {
    kind: 'private-key',
    pattern: re(`-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?:[\\s\\S]{0,12000}?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|(?:[A-Za-z0-9+/=:,\\s-]|\\\\[nr])*)`),
    priority: 4,
    quick: (t) => t.includes('-----BEGIN'),
  },
  { kind: 'connection-string', pattern: re(`${B}[a-z][a-z0-9+.-]{1,24}://[^\\s:/@'"\`<>]{1,64}:([^\\s@/'"\`<>]{3,128})@[A-Za-z0-9.[\\]_-]+`, 'gi'), group: 1, priority: 3, accept: notPlaceholder, quick: (t) => t.includes('://') },
  { kind: 'basic-auth-header', pattern: re(`Authorization:\\s*(?:Basic|Bearer|token)\\s+([A-Za-z0-9+/=._~-]{16,})`, 'gi'), group: 1, priority: 3, quick: has(/Authorization:/i) },
];

/** Placeholders that documentation writes where a secret goes: not worth a marker. */
const PLACEHOLDER = /^(?:\$\{?[A-Za-z_][\w]*\}?|<[^>]*>|\{\{[^}]*\}\}|%\(?[\w]*\)?s?|x+|\*+|\.+|password|pass|passwd|secret|changeme|example|username|user|pwd)$/i;

export function notPlaceholder(secret: string): boolean {
  return !PLACEHOLDER.test(secret);
}

export function patternDetector(rules: readonly PatternRule[]): Detector {
  return (text) => {
    const hits: Hit[] = [];
    for (const rule of rules) {
      if (rule.quick && !rule.quick(text)) continue;
      for (const m of execAll(rule.pattern, text)) hits.push(...hitOf(rule, m));
    }
    return hits;
  };
}

function hitOf(rule: PatternRule, m: RegExpMatchArray): Hit[] {
  // Every pattern carries the 'd' flag, so capture positions are exact.
  const span = m.indices?.[rule.group ?? 0];
  const secret = m[rule.group ?? 0];
  if (!span || !secret || (rule.accept && !rule.accept(secret))) return [];
  return [{ kind: rule.kind, start: span[0], end: span[1], priority: rule.priority }];
}

/** A quick check: whether the text holds a match of `pattern` (not global: test() keeps no state). */
export function has(pattern: RegExp): (text: string) => boolean {
  return (text) => pattern.test(text);
}

export function re(source: string, flags = 'g'): RegExp {
  return new RegExp(source, flags.includes('d') ? flags : `${flags}d`);
}
