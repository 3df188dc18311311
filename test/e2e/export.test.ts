/**
 * `aisess export` end to end: one short fake-Claude session with hostile text in its prompt, answer
 * and terminal stream, bound to a commit by attach, exported in every format. The asciicast v2 file
 * is played by Debian's asciinema 2.2 (`asciinema cat`), JSON is parsed, Markdown is checked for
 * anything that would render outside code, HTML for anything that could run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { git, tempDir } from '../helpers/git.js';
import { cliInTerminal, runInTerminal } from '../helpers/term.js';
import { agentsWorld, commitPaths, runAgent, type AgentsWorld } from './agents-session.js';

const EVIL_PROMPT = 'add greet </script><script>alert(1)</script> ```` \u001b]52;c;ZXZpbA==\u0007 <details>';
const EVIL_ANSWER = 'Adding greet.js <img src=x onerror=alert(2)> </details> [x](javascript:alert(3))';
const OSC = /\x1b\]|\x9d/;

describe('aisess export', { timeout: 120_000 }, () => {
  let w: AgentsWorld;
  let out: { path: string; cleanup: () => void };
  let base = '';
  let commit = '';
  let session = '';
  let damaged = '';
  const cli = (args: string[]) => runCli(args, { cwd: w.repo, env: { ...process.env, ...w.env } });
  const ok = (args: string[]): string => {
    const r = cli(args);
    assert.equal(r.status, 0, `aisess ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  before(async () => {
    w = agentsWorld();
    out = tempDir('aisess-export-out-');
    base = git(w.repo, ['rev-parse', 'HEAD']);
    const t = runAgent(w, 'claude', [
      { prompt: EVIL_PROMPT },
      { raw: '\u001b]0;pwned-title\u0007\u001b]52;c;ZXZpbA==\u0007' },
      { say: EVIL_ANSWER },
      { write: { path: 'greet.js', content: 'export const greet = (n) => `hi ${n}`;\n' } },
      { prompt: 'now say done' },
      { say: 'EXPORT-DONE' },
    ]);
    try {
      await t.waitFor('EXPORT-DONE', { timeoutMs: 60_000 });
      t.write('\x04');
      assert.deepEqual(await t.exited, { code: 0 });
    } finally {
      await t.dispose();
    }
    commit = commitPaths(w, ['greet.js'], 'greet');
    const attached = ok(['attach', 'HEAD', '--last']);
    session = /attached\s+(\S+):\d/.exec(attached)![1]!;
    // A second commit without segments: a range skips it.
    writeFileSync(join(w.repo, 'other.txt'), 'x\n');
    commitPaths(w, ['other.txt'], 'other');
    // And one whose note holds nothing aisess can read.
    writeFileSync(join(w.repo, 'damaged.txt'), 'x\n');
    damaged = commitPaths(w, ['damaged.txt'], 'damaged');
    git(w.repo, ['notes', '--ref=aisess', 'add', '-m', 'not an aisess line', damaged]);
  });
  after(() => {
    w?.cleanup();
    out?.cleanup();
  });

  it('json: the documented envelope, show fields, prompts exact, the stream filtered', () => {
    const doc = JSON.parse(ok(['export', commit.slice(0, 10), '--format', 'json']));
    assert.equal(doc.format, 'aisess-export');
    assert.equal(doc.version, 1);
    assert.equal(doc.kind, 'commit');
    assert.equal(doc.target, commit.slice(0, 10));
    assert.equal(doc.commits.length, 1);
    const [c] = doc.commits;
    assert.equal(c.commit, commit);
    assert.equal(c.subject, 'greet');
    const segs = c.segments;
    assert.deepEqual(segs.map((s: { number: number }) => s.number), segs.map((_: unknown, i: number) => i + 1));
    const prompts = segs.flatMap((s: { prompts: string[] }) => s.prompts);
    assert.deepEqual(prompts, [EVIL_PROMPT, 'now say done']);
    assert.ok(segs.some((s: { answers: string[] }) => s.answers.includes(EVIL_ANSWER)));
    assert.match(segs[0].resume, /^claude --resume [0-9a-f-]{36}$/);
    assert.equal(segs[0].model, 'claude-sonnet-4-5-20250929');
    const stream = segs.flatMap((s: { stream: [number, string, string][] }) => s.stream);
    assert.ok(stream.length > 0);
    assert.ok(stream.every((e: [number, string, string]) => (e[1] === 'o' || e[1] === 'r') && !OSC.test(e[2])), 'no OSC in the stream');
  });

  it('markdown: prompts, answers, tool calls, files, model, tokens, resume; nothing renders outside code', () => {
    const md = ok(['export', 'HEAD~2', '--format', 'markdown']);
    assert.match(md, /^# aisess: `HEAD~2`/);
    assert.match(md, /\*\*Model:\*\* `claude-sonnet-4-5-20250929`/);
    assert.match(md, /\*\*Resume:\*\* `claude --resume [0-9a-f-]{36}`/);
    assert.match(md, /\*\*Tokens:\*\* \d+ in, \d+ out/);
    assert.match(md, /\*\*Files:\*\* `greet\.js` \+1 −0/);
    assert.match(md, /<details>\n<summary>Conversation: /);
    assert.match(md, /- ⚙ \*\*Write\*\* `greet\.js`/);
    assert.ok(md.includes('now say done'));
    assert.ok(md.includes('add greet </script><script>alert(1)</script> ```` ^[]52;c;ZXZpbA==^G <details>'), 'the prompt is shown, inside code');
    assert.doesNotMatch(md, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    assertNoMarkupOutsideCode(md);
  });

  it('asciicast v3: a header, markers at each segment and prompt, only drawing output', () => {
    const lines = ok(['export', 'HEAD~2', '--format', 'asciicast']).trimEnd().split('\n').map((l) => JSON.parse(l));
    const [header, ...events] = lines;
    assert.equal(header.version, 3);
    assert.deepEqual(header.term, { cols: 100, rows: 30 });
    const markers = events.filter((e: [number, string, string]) => e[1] === 'm').map((e: [number, string, string]) => e[2]);
    assert.match(markers[0] ?? '', new RegExp(`^${commit.slice(0, 12)} segment 1/\\d+`));
    // Labels are one line of safe text, cut at 72 characters.
    assert.ok(markers.some((m: string) => m.startsWith('❯ add greet </script><script>alert(1)</script> ```` ^[]52;c;ZXZpbA==^G')), markers.join('\n'));
    assert.ok(markers.includes('❯ now say done'));
    assert.ok(events.every((e: [number, string, string]) => ['o', 'r', 'm'].includes(e[1]) && e[0] >= 0 && !OSC.test(e[2])));
  });

  it("asciicast v2: Debian's asciinema 2.2 plays it: `asciinema cat` writes exactly its output", async () => {
    const file = join(out.path, 'greet.cast');
    ok(['export', 'HEAD~2', '--format', 'asciicast-v2', '-o', file]);
    const text = readFileSync(file, 'utf8');
    const [header, ...events] = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(header.version, 2);
    assert.deepEqual([header.width, header.height], [100, 30]);
    assert.ok(events.some((e: [number, string, string]) => e[1] === 'm'));
    assert.equal(spawnSync('asciinema', ['--version']).error, undefined, 'asciinema is missing: scripts/test-prereqs.sh installs it');
    // `asciinema cat` puts /dev/tty in raw mode, so it needs a terminal; its stdout goes to a file, byte for byte.
    const played = { stdout: '' };
    const printed = join(out.path, 'cat.out');
    const t = runInTerminal('sh', ['-c', 'asciinema cat "$1" >"$2"', 'sh', file, printed], { env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    try {
      assert.deepEqual(await t.exited, { code: 0 }, t.output());
    } finally {
      await t.dispose();
    }
    played.stdout = readFileSync(printed, 'utf8');
    const expected = events.filter((e: [number, string, string]) => e[1] === 'o').map((e: [number, string, string]) => e[2]).join('');
    assert.equal(played.stdout, expected);
    assert.match(played.stdout, /EXPORT-DONE/);
    assert.doesNotMatch(played.stdout, OSC);
    assert.doesNotMatch(played.stdout, /pwned-title/);
    // `asciinema play` skips what is not output (markers, resizes) and plays the rest to the end.
    const play = runInTerminal('asciinema', ['play', '-s', '50', '-i', '0.01', file], { env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
    try {
      assert.deepEqual(await play.exited, { code: 0 }, play.output());
      assert.match(play.output(), /EXPORT-DONE/);
    } finally {
      await play.dispose();
    }
  });

  it('a range A..B exports the commits in it that carry segments, oldest first', () => {
    const doc = JSON.parse(ok(['export', `${base}..HEAD~1`, '--format', 'json']));
    assert.equal(doc.kind, 'range');
    assert.deepEqual(doc.commits.map((c: { commit: string }) => c.commit), [commit]);
    const none = cli(['export', `${commit}..HEAD~1`, '--format', 'json']);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no commit in '.*\.\.HEAD~1' carries aisess segments \(1 commit/);
    // A note of which nothing reads: alone it is exit 65; in a range it is listed with what was wrong.
    const alone = cli(['export', damaged, '--format', 'markdown']);
    assert.equal(alone.status, 65);
    assert.match(alone.stderr, /the aisess note on [0-9a-f]{12} is damaged/);
    const withIt = JSON.parse(ok(['export', `${base}..HEAD`, '--format', 'json']));
    assert.deepEqual(withIt.commits.map((c: { commit: string; segments: unknown[] }) => [c.commit, c.segments.length > 0]), [[commit, true], [damaged, false]]);
    assert.match(withIt.commits[1].problems[0], /is damaged/);
  });

  it('a session of the store exports as a note would hold it, redacted by the repository\'s own rules too', () => {
    git(w.repo, ['config', 'aisess.redact.pattern', 'EXPORT-D[O]NE']);
    const doc = JSON.parse(ok(['export', session, '--format', 'json']));
    git(w.repo, ['config', '--unset', 'aisess.redact.pattern']);
    const answers = doc.commits[0].segments.flatMap((s: { answers: string[] }) => s.answers);
    assert.ok(answers.length > 0 && !answers.includes('EXPORT-DONE'), JSON.stringify(answers));
    assert.doesNotMatch(JSON.stringify(doc), /EXPORT-DONE/);
    assert.equal(doc.kind, 'session');
    assert.equal(doc.commits[0].commit, null);
    assert.deepEqual(doc.commits[0].segments.flatMap((s: { prompts: string[] }) => s.prompts), [EVIL_PROMPT, 'now say done']);
    const stream = doc.commits[0].segments.flatMap((s: { stream: [number, string, string][] }) => s.stream);
    assert.ok(stream.every((e: [number, string, string]) => !OSC.test(e[2])), 'the journal keeps the OSC; the export does not');
  });

  it('html: every prompt shown escaped, the cast embedded safely, no script but its own', () => {
    const page = ok(['export', 'HEAD~2', '--format', 'html']);
    assert.match(page, /^<!doctype html>/);
    assert.ok(page.includes('add greet &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.includes('Adding greet.js &lt;img src=x onerror=alert(2)&gt;'));
    assert.equal((page.match(/<script\b/gi) ?? []).length, 3, 'the cast data, the player, the page');
    assert.equal((page.match(/<\/script/gi) ?? []).length, 3);
    assert.doesNotMatch(page, /<img|<details>(?!<summary>)/);
    const data = /<script type="application\/json" id="aisess-cast">(.*?)<\/script>/s.exec(page)![1]!;
    assert.doesNotMatch(data, /[<>&\u2028\u2029]/);
    assert.match(JSON.parse(data).cast, /alert\(1\)<\/script>/);
    assert.match(page, /Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
  });

  it('bad input: unknown format (64, listing them), -o over a file without --force, nothing named', () => {
    const bad = cli(['export', 'HEAD', '--format', 'gif']);
    assert.equal(bad.status, 64);
    assert.match(bad.stderr, /unknown format 'gif': give one of asciicast, asciicast-v2, markdown, json, html/);
    const missing = cli(['export', 'HEAD']);
    assert.equal(missing.status, 64);
    assert.match(missing.stderr, /needs --format/);
    const file = join(out.path, 'twice.md');
    ok(['export', 'HEAD~2', '-f', 'markdown', '-o', file]);
    const again = cli(['export', 'HEAD~2', '-f', 'markdown', '-o', file]);
    assert.equal(again.status, 64);
    assert.match(again.stderr, /twice\.md exists/);
    assert.match(again.stderr, /--force/);
    writeFileSync(file, 'old');
    ok(['export', 'HEAD~2', '-f', 'markdown', '-o', file, '--force']);
    assert.match(readFileSync(file, 'utf8'), /^# aisess/);
    const nothing = cli(['export', 'no-such-thing', '-f', 'json']);
    assert.equal(nothing.status, 66);
    assert.match(nothing.stderr, /nothing to export named 'no-such-thing'/);
    const plain = cli(['export', 'HEAD~1', '-f', 'json']);
    assert.equal(plain.status, 1, 'HEAD~1 carries no segments');
  });

  it('html to a terminal is refused (64): the page is for a file or a browser', async () => {
    const t = cliInTerminal(['export', 'HEAD~2', '-f', 'html'], { cwd: w.repo, env: w.env });
    assert.deepEqual(await t.exited, { code: 64 });
    assert.match(t.output(), /an HTML page is not for a terminal: give -o FILE/);
  });
});

/** Outside fenced code and code spans, the only HTML is our own <details> and <summary>. */
function assertNoMarkupOutsideCode(md: string): void {
  const withoutFences = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
  const withoutSpans = withoutFences.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
  const ours = new Set(['<details>', '</details>', '<summary>', '</summary>']);
  assert.deepEqual((withoutSpans.match(/<\/?[a-z][^>]*>/gi) ?? []).filter((tag) => !ours.has(tag)), []);
  assert.doesNotMatch(withoutSpans, /\]\(javascript:/i);
}
