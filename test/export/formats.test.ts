/** The Markdown and HTML a document becomes: layout, and that note text stays text. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toHtml } from '../../src/export/html.js';
import { toMarkdown } from '../../src/export/markdown.js';
import { sampleDocument } from './sample.js';

test('markdown: title, commit heading, facts, prompts fenced, conversation and screen collapsed', () => {
  const md = toMarkdown(sampleDocument());
  const c12 = 'c'.repeat(12);
  assert.match(md, /^# aisess: `HEAD` \(1 commit, 2 segments\)\n\n/);
  assert.ok(md.includes(`## Commit \`${c12}\`: subject &lt;b&gt;\n`));
  assert.ok(md.includes('### Segment 1/2: fix \\`it\\` \\`\\`\\`\\` &lt;/script&gt;'));
  for (const line of ['- **Agent:** `claude` (`claude`)', '- **Session:** `s1`', '- **Model:** `claude-x`', '- **Started:** 2026-01-02 03:04:05 UTC, 3s',
    '- **Tokens:** 10 in, 5 out', '- **Resume:** `claude --resume abc`', '- **Files:** `a.txt`']) {
    assert.ok(md.includes(`\n${line}\n`), line);
  }
  assert.ok(md.includes('**Prompt**\n\n`````text\nfix `it` ```` </script><script>alert(1)</script> ^[]52;c;ZXZpbA==^G <b>x</b> [l](javascript:x) \u2028\n`````'));
  assert.ok(md.includes('<details>\n<summary>Conversation: 1 prompt, 1 answer, 1 tool call</summary>\n\n'));
  assert.ok(md.includes('**Answer**\n\n```text\ndone </details> <img src=x>\n```'));
  assert.ok(md.includes('- ⚙ **Edit** `a.txt`'));
  assert.ok(md.includes('<summary>Terminal text (2 lines)</summary>\n\n```text\nhello world\nbye\n```\n\n</details>'));
  // The second segment has only a prompt: no conversation block repeating it.
  const second = md.slice(md.indexOf('### Segment 2/2'));
  assert.doesNotMatch(second, /Conversation:/);
  assert.doesNotMatch(md, /\x1b|\x07/);
});

test('html: one page, note text escaped everywhere, the cast as escaped JSON, scripts allowed by hash', async () => {
  const page = await toHtml(sampleDocument());
  assert.match(page, /^<!doctype html>\n<html lang="en">/);
  assert.ok(page.includes('<title>aisess: HEAD</title>'));
  assert.ok(page.includes(`<h2>Commit <code>${'c'.repeat(12)}</code>: subject &lt;b&gt;</h2>`));
  assert.ok(page.includes('<pre>fix `it` ```` &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; ^[]52;c;ZXZpbA==^G &lt;b&gt;x&lt;/b&gt;'));
  assert.ok(page.includes('<li class="answer"><pre>done &lt;/details&gt; &lt;img src=x&gt;</pre></li>'));
  assert.ok(page.includes('data-marker="1" title="Play from this prompt"'), 'the first prompt plays from the second marker');
  assert.ok(page.includes('data-marker="3" title="Play from this prompt"'));
  assert.equal((page.match(/<script\b/g) ?? []).length, 3);
  assert.equal((page.match(/<\/script>/g) ?? []).length, 3);
  const data = /<script type="application\/json" id="aisess-cast">(.*?)<\/script>/s.exec(page)![1]!;
  assert.doesNotMatch(data, /[<>&\u2028\u2029]/);
  const parsed = JSON.parse(data) as { cast: string; cols: number; rows: number };
  assert.deepEqual([parsed.cols, parsed.rows], [80, 24]);
  assert.match(parsed.cast, /^\{"version":3,/);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1]!;
  assert.match(csp, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'; style-src 'unsafe-inline'/);
});
