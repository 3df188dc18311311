/**
 * secretlint's maintained recommended rules, driven synchronously. @secretlint/core's lintSource
 * is async (a promise per file); redaction must be callable synchronously at bind time, and each
 * rule's `file(source)` handler is itself synchronous for text, so this calls the rules directly
 * through the documented rule API (create(context) → { file(source) }, context.report({range})).
 */
import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { Detector, Hit } from './types.js';

// filter-comments only suppresses reports after `secretlint-disable` comments: a recording must not
// be able to switch redaction off. The GCP rule needs a file on disk (p12) or a whole JSON file.
const SKIPPED = new Set(['@secretlint/secretlint-rule-filter-comments', '@secretlint/secretlint-rule-gcp']);

/** secretlint message ids → marker kinds (the same names aisess's own rules use). */
const KINDS: Record<string, string> = {
  AWSAccessKeyID: 'aws-access-key-id',
  AWSSecretAccessKey: 'aws-secret-access-key',
  AWSAccountID: 'aws-account-id',
  PrivateKey: 'private-key',
  BasicAuth: 'connection-string',
  MongoDBConnection: 'connection-string',
  MySQLConnection: 'connection-string',
  PostgreSQLConnection: 'connection-string',
  IncomingWebhook: 'slack-webhook',
  SLACK_TOKEN: 'slack-token',
  NPM_ACCESS_TOKEN: 'npm-token',
  GITHUB_TOKEN: 'github-token',
  OPENAI_TOKEN: 'openai-key',
  ANTHROPIC_API_KEY: 'anthropic-key',
};

interface Report {
  message: { messageId?: string };
  range: readonly [number, number];
}
interface RuleLike {
  meta: { id: string };
  create(context: unknown, options: unknown): { file?: (source: unknown) => unknown };
}

export function secretlintDetector(): Detector {
  const rules = (presetRules as unknown as RuleLike[]).filter((r) => !SKIPPED.has(r.meta.id));
  return (text) => {
    const hits: Hit[] = [];
    const source = { content: text, filePath: undefined, ext: '', contentType: 'text' };
    for (const rule of rules) {
      const handlers = rule.create(contextFor(rule, hits), {});
      handlers.file?.(source);
    }
    return hits;
  };
}

function contextFor(rule: RuleLike, hits: Hit[]): unknown {
  return {
    sharedOptions: {},
    createTranslator: () => (messageId: string) => ({ message: messageId, messageId, data: {} }),
    ignore: () => {},
    report: ({ message, range }: Report) => {
      const id = message.messageId ?? '';
      hits.push({ kind: KINDS[id] ?? slug(rule.meta.id, id), start: range[0], end: range[1], priority: 3 });
    },
  };
}

function slug(ruleId: string, messageId: string): string {
  const base = ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
  return messageId ? `${base}-${messageId.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : base;
}
