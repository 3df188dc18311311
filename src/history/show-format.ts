/**
 * Pure: a shown commit → the text a person reads. An agent segment reads as its conversation
 * (prompts, answers, one line per tool call) with model, tokens, files and the resume command; its
 * terminal text is long and repeats the conversation, so it is shown only when asked (`screen`). A
 * segment without agent events has only its terminal text, which is always shown. Every string from
 * the note passes through safe-text before it reaches the terminal (a note is foreign input).
 */
import { formatDuration } from '../text/duration.js';
import { formatDate, plural } from '../text/human.js';
import type { ShownFile } from './files.js';
import { segmentDetail, type SegmentDetail } from './show-json.js';
import { describeProblem } from '../notes/messages.js';
import { type ShownCommit } from './show.js';
import { quotePath, safeText } from './safe-text.js';
import { requestLabel } from './request-label.js';

export { showJson } from './show-json.js';

export interface ShowFormat {
  /** ANSI colour (stdout is a TTY and NO_COLOR is unset). */
  color?: boolean;
  /** Include the terminal text of agent segments too. */
  screen?: boolean;
  unredacted?: boolean;
}

const STATUS_LETTER: Record<string, string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R', untracked: 'A' };
const TOOL_ARG_MAX = 100;

type Paint = (style: keyof typeof STYLES, text: string) => string;
const STYLES = { bold: '1', dim: '2', prompt: '1;36', tool: '33', bad: '31', head: '1;35' } as const;

export function formatShow(shown: ShownCommit, opts: ShowFormat = {}): string[] {
  const paint: Paint = (style, text) => (opts.color && text ? `\x1b[${STYLES[style]}m${text}\x1b[0m` : text);
  const via = shown.via ? `  (via ${requestLabel(shown.via)}: the records of its commits this commit holds)` : '';
  const head = `commit ${shown.commit}  ${plural(shown.segments.length, 'segment')}${opts.unredacted ? '  (unredacted, from the local journal)' : ''}${via}`;
  const lines = [paint('bold', head)];
  shown.segments.forEach((s, i) => lines.push('', ...segmentLines(segmentDetail(s, shown.numstat), i + 1, shown.segments.length, opts, paint)));
  for (const p of shown.problems) lines.push('', paint('bad', `── damaged: ${safeText(describeProblem(p))}`));
  return lines;
}

function segmentLines(s: SegmentDetail, n: number, total: number, opts: ShowFormat, paint: Paint): string[] {
  const agentic = s.items.length > 0 || s.agentSession !== null;
  const lines = [
    paint('head', `── segment ${n}/${total}  ${safeText(s.id)}`),
    `   session   ${safeText(s.session ?? '-')}  ${safeText(s.agent)}${s.argv.length ? `  (${s.argv.map((a) => safeText(a)).join(' ')})` : ''}`,
  ];
  if (s.rebound) lines.push(`   rebound   ${reboundLine(s.rebound)}`);
  if (s.models.length) lines.push(`   model     ${s.models.map((m) => safeText(m)).join(', ')}`);
  if (s.resume) lines.push(`   resume    ${paint('bold', safeText(s.resume))}`);
  lines.push(`   started   ${formatDate(s.startMs, true)}  duration ${formatDuration(s.durationMs)}`);
  if (s.tokens.total > 0) lines.push(`   tokens    ${tokenLine(s.tokens)}`);
  if (s.title && (!agentic || s.prompts.length === 0)) lines.push(`   prompt    ${safeText(s.title)}${agentic ? paint('dim', '  (earlier in the turn)') : ''}`);
  lines.push(`   ${agentic ? 'files  ' : 'paths  '}   ${s.files.length ? s.files.map(fileLabel).join(', ') : '-'}`);
  if (s.dropped) lines.push(paint('dim', `   note      ${droppedLine(s.dropped)}`));
  if (agentic) lines.push('', ...conversation(s, paint));
  const text = s.text.replace(/\n+$/, '');
  if (s.source === 'import') {
    lines.push('', paint('dim', "   (imported from the agent's own transcript: no terminal was recorded)"));
  } else if (agentic && !opts.screen) {
    lines.push('', paint('dim', text ? `   terminal text: ${plural(text.split('\n').length, 'line')}, shown with --screen` : '   (no terminal output)'));
  } else {
    lines.push('', ...(text ? text.split('\n').map((l) => `   │ ${safeText(l, { multiline: true })}`.trimEnd()) : ['   (no terminal output)']));
  }
  return lines;
}

function conversation(s: SegmentDetail, paint: Paint): string[] {
  const lines: string[] = [];
  for (const item of s.items) {
    if (item.type === 'tool') {
      const outcome = item.ok === false ? paint('bad', ` ✗${item.exitCode !== null ? ` exit ${item.exitCode}` : ''}`) : item.exitCode ? ` exit ${item.exitCode}` : '';
      lines.push(`   ${paint('tool', `⚙ ${safeText(item.name)}`)}${toolArgs(item.args, s)}${outcome}`);
    } else {
      const [mark, style] = item.type === 'prompt' ? ['❯', 'prompt'] as const : item.type === 'answer' ? ['⏺', 'bold'] as const : ['∴', 'dim'] as const;
      item.text.trim().split('\n').forEach((l, i) => lines.push(`   ${i === 0 ? paint(style, mark) : ' '} ${item.type === 'prompt' ? paint('prompt', safeText(l, { multiline: true })) : safeText(l, { multiline: true })}`.trimEnd()));
    }
  }
  return lines;
}

/** `Write greet.js`, `Bash npm test`: the argument values, paths relative to the session's directory. */
function toolArgs(args: Record<string, string>, s: SegmentDetail): string {
  const cwd = s.cwd;
  const values = Object.values(args).map((v) => (cwd && v.startsWith(`${cwd}/`) ? v.slice(cwd.length + 1) : v).replace(/\s+/g, ' ')).map((v) => safeText(v));
  const text = values.join(' · ');
  return text ? ` ${[...text].length > TOOL_ARG_MAX ? `${[...text].slice(0, TOOL_ARG_MAX - 1).join('')}…` : text}` : '';
}

function fileLabel(f: ShownFile): string {
  const letter = STATUS_LETTER[f.status] ?? (f.status ? safeText([...f.status][0]!.toUpperCase()) : '?');
  const counts = f.added !== null ? ` +${f.added} -${f.removed}` : '';
  return `${letter} ${quotePath(f.path)}${counts}${f.bound === 'partial' ? ' (partly)' : f.bound === null ? ' (not in this commit)' : ''}`;
}

function tokenLine(t: SegmentDetail['tokens']): string {
  const parts = [`${t.input} in`, `${t.output} out`];
  if (t.cacheRead) parts.push(`${t.cacheRead} cache read`);
  if (t.cacheWrite) parts.push(`${t.cacheWrite} cache write`);
  return parts.join(', ');
}

function droppedLine(d: NonNullable<SegmentDetail['dropped']>): string {
  if (d.all) return 'the terminal stream did not fit the note budget (aisess.noteBudget): replay has none of it';
  return `the first ${plural(d.events, 'event')} (${d.chars} characters) of the terminal stream did not fit the note budget (aisess.noteBudget)`;
}

function reboundLine(r: NonNullable<SegmentDetail['rebound']>): string {
  const how = r.rule === 'patch-id' ? 'same patch-id' : 'its change is in this commit';
  return `from ${safeText(r.from.slice(0, 12))} (${how})${r.via ? `, via ${requestLabel(r.via)}` : ''}`;
}
