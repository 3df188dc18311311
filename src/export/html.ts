/**
 * An export document → one self-contained HTML page: the transcript (per commit and segment: facts,
 * prompts, answers, tool calls, terminal text) and the whole recording in asciinema-player, both
 * inlined, so the file opens anywhere without a network. A Content-Security-Policy allows only the
 * page's own scripts (by hash) and no connection at all: even text that escaped escaping could not run.
 */
import { createHash } from 'node:crypto';
import { formatDuration } from '../text/duration.js';
import { plural } from '../text/human.js';
import { castOf, encodeV3, type Mark } from './asciicast.js';
import type { ExportCommit, ExportDocument, ExportSegment } from './document.js';
import { clip, toolArgs } from './clip.js';
import { html, inlineScript, scriptJson } from './html-escape.js';
import { PAGE_CSS, PAGE_JS } from './html-page.js';
import { loadPlayerAssets } from './player-assets.js';

const ARGV_MAX = 120;

export async function toHtml(doc: ExportDocument): Promise<string> {
  const player = await loadPlayerAssets();
  const cast = castOf(doc);
  const data = `{"cast":${scriptJson(encodeV3(cast))},"cols":${cast.term.cols},"rows":${cast.term.rows}}`;
  const scripts = [inlineScript(player.js), PAGE_JS];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`).join(' ')} 'wasm-unsafe-eval'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
  ].join('; ');
  const count = doc.commits.reduce((n, c) => n + c.segments.length, 0);
  let offset = 0;
  const sections = doc.commits.map((c) => {
    const section = commitSection(c, cast.marks, offset, doc.commits.length > 1 || doc.kind === 'range');
    offset += c.segments.length;
    return section;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="aisess export">
<title>aisess: ${html(doc.target)}</title>
<style>${player.css.replace(/<\/style/gi, '<\\/style')}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
<header><h1>aisess <code>${html(doc.target)}</code></h1><p>${doc.kind === 'session' ? 'session' : plural(doc.commits.length, 'commit')}, ${plural(count, 'segment')}</p></header>
<section class="player"><div id="aisess-player"></div></section>
<main>
${sections.join('\n')}
</main>
<script type="application/json" id="aisess-cast">${data}</script>
<script>${scripts[0]}</script>
<script>${scripts[1]}</script>
</body>
</html>
`;
}

function commitSection(c: ExportCommit, marks: readonly Mark[], offset: number, heading: boolean): string {
  const head = heading || c.commit ? `<h2>${c.commit ? `Commit <code>${html(c.commit.slice(0, 12))}</code>: ` : ''}${html(c.subject)}</h2>` : '';
  const problems = c.problems.length ? `<ul class="problems">${c.problems.map((p) => `<li>not readable, left out: ${html(p)}</li>`).join('')}</ul>` : '';
  const segments = c.segments.map((s, i) => segmentArticle(s, c.segments.length, marks, offset + i));
  return `<section class="commit">${head}\n${segments.join('\n')}${problems}</section>`;
}

function segmentArticle(s: ExportSegment, total: number, marks: readonly Mark[], global: number): string {
  const markIndex = (prompt: number | null) => marks.findIndex((m) => m.segment === global && m.prompt === prompt);
  const title = s.title ? `: ${html(s.title)}` : '';
  const items: string[] = [];
  let prompt = 0;
  for (const item of s.items) {
    if (item.type === 'tool') {
      const args = toolArgs(item.args, s.cwd);
      const failed = item.ok === false ? ` <span class="bad">✗${item.exitCode !== null ? ` exit ${item.exitCode}` : ''}</span>` : '';
      items.push(`<li class="tool">⚙ <b>${html(item.name)}</b> <code>${html(args)}</code>${failed}</li>`);
    } else if (item.type === 'prompt') {
      items.push(`<li class="prompt"><button type="button" data-marker="${markIndex(prompt++)}" title="Play from this prompt">▶</button><pre>${html(item.text, true)}</pre></li>`);
    } else {
      items.push(`<li class="${item.type}"><pre>${html(item.text, true)}</pre></li>`);
    }
  }
  const text = s.text.replace(/\n+$/, '');
  return `<article class="segment" id="segment-${global + 1}">
<h3><button type="button" data-marker="${markIndex(null)}" title="Play this segment">▶</button> Segment ${s.number}/${total}${title}</h3>
<dl>${facts(s).map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
${s.continues && !s.items.some((i) => i.type === 'prompt') ? `<p class="continues">Continues the prompt:</p><pre>${html(s.continues, true)}</pre>` : ''}
${items.length ? `<ol class="conversation">${items.join('')}</ol>` : ''}
<details><summary>Terminal text (${plural(text ? text.split('\n').length : 0, 'line')})</summary><pre class="screen">${html(text, true)}</pre></details>
</article>`;
}

function facts(s: ExportSegment): [string, string][] {
  const rows: [string, string][] = [['Agent', `<code>${html(s.agent)}</code>${s.argv.length ? ` <code>${html(clip(s.argv.join(' '), ARGV_MAX))}</code>` : ''}`]];
  if (s.session) rows.push(['Session', `<code>${html(s.session)}</code>`]);
  if (s.models.length) rows.push(['Model', s.models.map((m) => `<code>${html(m)}</code>`).join(', ')]);
  rows.push(['Started', `${html(s.start.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}, ${formatDuration(s.durationMs)}`]);
  if (s.tokens.total > 0) rows.push(['Tokens', `${s.tokens.input} in, ${s.tokens.output} out${s.tokens.cacheRead ? `, ${s.tokens.cacheRead} cache read` : ''}${s.tokens.cacheWrite ? `, ${s.tokens.cacheWrite} cache write` : ''}`]);
  if (s.resume) rows.push(['Resume', `<code>${html(s.resume)}</code>`]);
  const files = s.files.map((f) => `<code>${html(f.path)}</code>${f.added !== null ? ` +${f.added} −${f.removed}` : ''}${f.bound === 'partial' ? ' (partly)' : ''}`);
  rows.push(['Files', files.length ? files.join(', ') : 'none']);
  if (s.dropped) rows.push(['Note', 'part of the terminal stream did not fit the note budget and is not in the recording']);
  return rows;
}
