/**
 * Generic rules: `password = "…"`, `token: …`, `"client_secret": "…"` and `.env` lines whose key
 * names a secret. Code is full of such names bound to non-secrets (`token = nextToken()`,
 * `password: string`, `max_tokens: 4096`), so values must look like literals, not expressions.
 */
import { has, notPlaceholder, re, type PatternRule } from './patterns.js';

const WORD =
  '(?:password|passwd|passphrase|secret(?:[_-]?key)?|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|client[_-]?secret|credentials?)';
// An optional prefix (`db_`, `github`, `aws.`), the keyword, then nothing that lengthens the word
// ("tokens", "passwordHash", "tokenizer" are other things). The keyword starts with a letter within
// the prefix's reach: a long run of `_`, `-` or `.` is passed over at once, not tried 41 times a character.
const KEY = `(?<![A-Za-z0-9])(?![0-9_.-]{41})[A-Za-z0-9_.-]{0,40}?${WORD}(?![A-Za-z])`;

const ENV_WORD = '(?:SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|KEY|APIKEY|CREDENTIALS?|AUTH|PAT|DSN|PRIVATE)';
// The keywords the rules require: most text holds none, and is then not searched (PatternRule.quick).
const HAS_WORD = has(new RegExp(WORD, 'i'));
const ENV_WORD_RE = new RegExp(ENV_WORD);
const HAS_ENV_WORD = (text: string): boolean => text.includes('=') && ENV_WORD_RE.test(text);
const ENV_NAME = `(?:[A-Z0-9]+_)*${ENV_WORD}(?:_[A-Z0-9]+)*`;

// A value ends at an escape sequence for a line break, tab or quote (`printf 'KEY=v\\nNEXT=w'`, JSON
// read as text): what follows is the next key, not more of the value. Other backslashes are kept.
const KEPT_BACKSLASH = `\\\\(?![nrt"'\\\\])`;

export const ASSIGNMENT_RULES: PatternRule[] = [
  {
    kind: 'env-secret',
    pattern: re(`(?<![^\\s'"\`;(])${ENV_NAME}[ \\t]*=[ \\t]*(["']?)((?:[^\\s"'#\\\\]|${KEPT_BACKSLASH}){4,300})\\1`, 'gm'),
    group: 2,
    priority: 2,
    accept: literalValue,
    quick: HAS_ENV_WORD,
  },
  {
    kind: 'secret-assignment',
    pattern: re(`["']?${KEY}["']?[ \\t]*(?::=|=>|[:=])[ \\t]*(["'\`])([^\\s"'\`]{6,300})\\1`, 'gi'),
    group: 2,
    priority: 2,
    accept: literalValue,
    quick: HAS_WORD,
  },
  {
    kind: 'secret-assignment',
    pattern: re(`${KEY}[ \\t]*(?:[:=])[ \\t]*((?:[^\\s"'\`,;(){}\\[\\]<>\\\\]|${KEPT_BACKSLASH}){8,300})(?=$|[\\s,;'"\`\\\\])`, 'gim'),
    group: 1,
    priority: 2,
    accept: (v) => literalValue(v) && !identifierLike(v),
    quick: HAS_WORD,
  },
];

const KEYWORDS = /^(?:true|false|null|nil|none|undefined|string|number|boolean|required|optional|bearer|basic)$/i;
const PATH = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)[\w./\\-]*$/;

/** A value that can be a secret: not a placeholder, keyword, number, path or template. */
export function literalValue(v: string): boolean {
  if (!notPlaceholder(v) || KEYWORDS.test(v) || PATH.test(v)) return false;
  if (/^[\d.,_-]+$/.test(v)) return false;
  return !/\$\{|\{\{|%\(|^\$[A-Za-z_]|^process\.env|^os\.environ|^env\(/i.test(v);
}

/** `nextToken`, `options.password`, `self.secret_key`: names, not values. */
export function identifierLike(v: string): boolean {
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v)) return true;
  return /^[A-Za-z_$][\w$]*$/.test(v) && !/\d/.test(v);
}

/** A JSON/YAML key whose value is a secret by its name: `password`, `apiKey`, `GITHUB_TOKEN`. */
export const SECRET_KEY = new RegExp(`^[A-Za-z0-9_.-]{0,40}${WORD}$`, 'i');
