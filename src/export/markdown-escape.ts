/**
 * Pure: text from a note → Markdown that shows it and cannot do more (GitHub-flavoured, as a pull
 * request renders it). Note text is foreign input: a backtick run could close our code, `<details>`
 * or `<script>` would be HTML, `[x](javascript:…)` a link. Controls are shown as safe-text does,
 * since Markdown is read in terminals too.
 */
import { safeText } from '../history/safe-text.js';

/** A fenced code block longer than any backtick or tilde run inside it: its text is literal. */
export function fenced(text: string, info = 'text'): string {
  const body = safeText(text, { multiline: true }).replace(/\n+$/, '');
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** An inline code span on one line: delimiters longer than any backtick run, padded when it touches one. */
export function code(text: string): string {
  const body = safeText(text.replace(/[\r\n\u2028\u2029]+/g, ' '));
  if (body === '') return '` `';
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

/** Plain text in a paragraph or heading: every Markdown punctuation escaped, HTML as entities. */
export function inline(text: string): string {
  return safeText(text.replace(/[\r\n\u2028\u2029]+/g, ' '))
    .replace(/[\\`*_{}[\]()#+\-.!|~^"=:]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
