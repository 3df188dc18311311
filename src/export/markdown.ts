/**
 * Pure: an export document → Markdown a reviewer pastes into a pull request (layout: docs/export.md).
 * Per segment: what ran, model, tokens, files and the resume command as a list, its prompts in full,
 * and the conversation and terminal text collapsed in `<details>`. Every string from a note goes
 * through markdown-escape.
 */
import { formatDuration } from '../text/duration.js';
import { plural } from '../text/human.js';
import type { ExportCommit, ExportDocument, ExportSegment } from './document.js';
import { clip, toolArgs } from './clip.js';
import { code, fenced, inline } from './markdown-escape.js';

const ARGV_MAX = 120;

export function toMarkdown(doc: ExportDocument): string {
  const count = doc.commits.reduce((n, c) => n + c.segments.length, 0);
  const what = doc.kind === 'session' ? 'session' : plural(doc.commits.length, 'commit');
  const blocks = [`# aisess: ${code(doc.target)} (${what}, ${plural(count, 'segment')})`];
  for (const c of doc.commits) blocks.push(...commitBlocks(c, doc.commits.length > 1 || doc.kind === 'range'));
  return `${blocks.join('\n\n')}\n`;
}

function commitBlocks(c: ExportCommit, heading: boolean): string[] {
  const blocks: string[] = [];
  if (heading || c.commit) blocks.push(`## ${c.commit ? `Commit ${code(c.commit.slice(0, 12))}: ${inline(c.subject)}` : inline(c.subject)}`.trimEnd());
  for (const s of c.segments) blocks.push(...segmentBlocks(s, c.segments.length));
  if (c.problems.length) blocks.push(`**Not readable, left out:**\n\n${c.problems.map((p) => `- ${inline(p)}`).join('\n')}`);
  return blocks;
}

function segmentBlocks(s: ExportSegment, total: number): string[] {
  const blocks = [`### Segment ${s.number}/${total}${s.title ? `: ${inline(s.title)}` : ''}`, facts(s).join('\n')];
  const prompts = s.items.flatMap((i) => (i.type === 'prompt' ? [i.text] : []));
  if (prompts.length) blocks.push(...prompts.flatMap((p, i) => [`**Prompt${prompts.length > 1 ? ` ${i + 1}` : ''}**`, fenced(p)]));
  else if (s.continues) blocks.push('**Continues the prompt**', fenced(s.continues));
  if (s.items.some((i) => i.type !== 'prompt')) blocks.push(details(`Conversation: ${conversationCounts(s)}`, conversation(s)));
  const text = s.text.replace(/\n+$/, '');
  const lines = text ? text.split('\n').length : 0;
  blocks.push(lines ? details(`Terminal text (${plural(lines, 'line')})`, [fenced(text)]) : '_No terminal output._');
  return blocks;
}

function facts(s: ExportSegment): string[] {
  const lines = [`- **Agent:** ${code(s.agent)}${s.argv.length ? ` (${code(clip(s.argv.join(' '), ARGV_MAX))})` : ''}`];
  if (s.session) lines.push(`- **Session:** ${code(s.session)}`);
  if (s.models.length) lines.push(`- **Model:** ${s.models.map(code).join(', ')}`);
  lines.push(`- **Started:** ${s.start.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}, ${formatDuration(s.durationMs)}`);
  if (s.tokens.total > 0) lines.push(`- **Tokens:** ${tokens(s.tokens)}`);
  if (s.resume) lines.push(`- **Resume:** ${code(s.resume)}`);
  lines.push(`- **Files:** ${s.files.length ? s.files.map((f) => `${code(f.path)}${f.added !== null ? ` +${f.added} −${f.removed}` : ''}${f.bound === 'partial' ? ' (partly)' : ''}`).join(', ') : 'none'}`);
  if (s.dropped) lines.push(`- **Note:** part of the terminal stream did not fit the note budget and is not in the recording`);
  return lines;
}

function conversationCounts(s: ExportSegment): string {
  const n = (t: string) => s.items.filter((i) => i.type === t).length;
  const parts = [plural(n('prompt'), 'prompt'), plural(n('answer'), 'answer'), plural(n('tool'), 'tool call')];
  if (n('thinking')) parts.push(plural(n('thinking'), 'thought'));
  return parts.join(', ');
}

function conversation(s: ExportSegment): string[] {
  return s.items.map((item) => {
    if (item.type === 'tool') {
      const shortArgs = toolArgs(item.args, s.cwd);
      const outcome = item.ok === false ? ` ✗${item.exitCode !== null ? ` exit ${item.exitCode}` : ''}` : item.exitCode ? ` exit ${item.exitCode}` : '';
      return `- ⚙ **${inline(item.name)}**${shortArgs ? ` ${code(shortArgs)}` : ''}${outcome}`;
    }
    const name = item.type === 'prompt' ? 'Prompt' : item.type === 'answer' ? 'Answer' : 'Thinking';
    return `**${name}**\n\n${fenced(item.text)}`;
  });
}

/** A collapsed block; the blank lines let GitHub render the Markdown inside it. */
function details(summary: string, blocks: string[]): string {
  return `<details>\n<summary>${summary}</summary>\n\n${blocks.join('\n\n')}\n\n</details>`;
}

function tokens(t: ExportSegment['tokens']): string {
  const parts = [`${t.input} in`, `${t.output} out`];
  if (t.cacheRead) parts.push(`${t.cacheRead} cache read`);
  if (t.cacheWrite) parts.push(`${t.cacheWrite} cache write`);
  return parts.join(', ');
}
