/** Pure: a shown commit → the text a person reads, or the JSON a tool reads. */
import { formatDate, formatDuration, plural } from './format.js';
import type { SegmentView } from './segment-view.js';
import { segmentText } from './screen-text.js';
import { describeProblem, type ShownCommit } from './show.js';

const STATUS_LETTER: Record<string, string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R', untracked: 'A' };

export function formatShow(shown: ShownCommit): string[] {
  const lines = [`commit ${shown.commit}  ${plural(shown.segments.length, 'segment')}`];
  shown.segments.forEach((s, i) => lines.push('', ...segmentLines(s, i + 1, shown.segments.length)));
  for (const p of shown.problems) lines.push('', `── damaged: ${describeProblem(p)}`);
  return lines;
}

function segmentLines(s: SegmentView, n: number, total: number): string[] {
  const lines = [
    `── segment ${n}/${total}  ${s.id}`,
    `   session   ${s.session ?? '-'}  ${s.agent}${s.argv.length ? `  (${s.argv.join(' ')})` : ''}`,
    `   started   ${formatDate(s.start, true)}  duration ${formatDuration(s.durationMs)}`,
  ];
  if (s.title) lines.push(`   prompt    ${s.title}`);
  lines.push(`   paths     ${s.paths.length ? s.paths.map(pathLabel).join(', ') : '-'}`);
  const text = segmentText(s).replace(/\n+$/, '');
  lines.push('', ...(text ? text.split('\n').map((l) => `   │ ${l}`.trimEnd()) : ['   (no terminal output)']));
  return lines;
}

function pathLabel(p: SegmentView['paths'][number]): string {
  const letter = STATUS_LETTER[p.status] ?? (p.status ? p.status[0]!.toUpperCase() : '?');
  return `${letter} ${p.path}${p.bound === 'partial' ? ' (partly)' : p.bound === null ? ' (not in this commit)' : ''}`;
}

export interface ShowJson {
  commit: string;
  segments: {
    id: string;
    session: string | null;
    agent: string;
    argv: string[];
    start: string;
    startMs: number;
    durationMs: number;
    title: string;
    paths: SegmentView['paths'];
    term: SegmentView['term'];
    boundAt: number | null;
    boundBy: string | null;
    text: string;
  }[];
  problems: ShownCommit['problems'];
}

export function showJson(shown: ShownCommit): ShowJson {
  return {
    commit: shown.commit,
    segments: shown.segments.map((s) => ({
      id: s.id, session: s.session, agent: s.agent, argv: s.argv,
      start: new Date(s.start).toISOString(), startMs: s.start, durationMs: s.durationMs, title: s.title,
      paths: s.paths, term: s.term, boundAt: s.boundAt, boundBy: s.boundBy,
      text: segmentText(s),
    })),
    problems: shown.problems,
  };
}
