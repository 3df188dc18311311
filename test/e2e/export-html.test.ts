/**
 * The HTML export in a real browser: Debian's Chromium, headless, driven by playwright-core. A
 * commit carries a recording (through attach) whose prompts, answers and stream hold hostile text;
 * the exported page must render, play the recording in asciinema-player, show every prompt as text,
 * and run nothing of the note's. One browser for the file (Chromium is slow to start); the last
 * screenshot is kept in test-artifacts/ for a person to look at.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot, runCli } from '../helpers/cli.js';
import { git, gitEnv, tempDir, tempRepo, writeTree } from '../helpers/git.js';
import { recordSteps } from '../history/record.js';

const CHROMIUM = process.env.AISESS_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(repoRoot, 'test-artifacts');
const env = { ...process.env, ...gitEnv, GIT_CEILING_DIRECTORIES: tmpdir(), TZ: 'UTC' };
const PROMPTS = [
  'make greet </script><script>window.__pwned = 1</script> \x1b]52;c;ZXZpbA==\x07 done',
  'second <img src=x onerror="window.__pwned = 2"> prompt & \u2028 more',
];

describe('aisess export --format html in headless Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  let page: Page;
  let file = '';
  const errors: string[] = [];
  const cleanups: (() => void)[] = [];

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: scripts/test-prereqs.sh installs Debian's chromium (apt-get install chromium)`);
    const repo = tempRepo({ 'a.txt': 'a0\n' });
    cleanups.push(repo.cleanup);
    writeTree(repo.path, { 'a.txt': 'a1\n' });
    const blob = git(repo.path, ['hash-object', '-w', 'a.txt']);
    git(repo.path, ['commit', '-qam', 'change a']);
    const rec = await recordSteps(repo.path, [
      { agent: { kind: 'session', agent: 'claude', id: '11111111-2222-3333-4444-555555555555', resume: 'claude --resume 11111111-2222-3333-4444-555555555555' } },
      { agent: { kind: 'model', name: 'claude-test-model' } },
      { agent: { kind: 'prompt', text: PROMPTS[0]! } },
      { wait: 0.5, output: '\x1b]0;pwned-title\x07\x1b[1mWorking\x1b[0m on a.txt\r\n' },
      { agent: { kind: 'answer', text: 'Editing a.txt </pre></li></ol><script>window.__pwned = 3</script>' } },
      { agent: { kind: 'tool_call', id: 't1', name: 'Edit', args: { path: 'a.txt' } } },
      { wait: 0.5, change: [{ path: 'a.txt', blob }] },
      { agent: { kind: 'prompt', text: PROMPTS[1]! } },
      { wait: 0.5, output: 'HTML-EXPORT-END\r\n' },
    ]);
    const attach = runCli(['attach', 'HEAD', '--session', rec.id], { cwd: repo.path, env });
    assert.equal(attach.status, 0, attach.stderr);
    const out = tempDir('aisess-export-html-');
    cleanups.push(out.cleanup);
    file = join(out.path, 'export.html');
    const r = runCli(['export', 'HEAD', '--format', 'html', '-o', file], { cwd: repo.path, env });
    assert.equal(r.status, 0, r.stderr);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    await page.goto(pathToFileURL(file).href);
  });

  after(async () => {
    await browser?.close();
    cleanups.forEach((c) => c());
  });

  it('renders the player and the transcript, with no error and nothing of the note run', async () => {
    await page.locator('.ap-player').waitFor({ timeout: 15_000 });
    assert.ok((await page.locator('article.segment').count()) >= 2);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(errors, []);
  });

  it('shows every prompt, as text', async () => {
    const shown = await page.locator('li.prompt pre').allTextContents();
    // Controls are shown the way safe-text shows them; the rest is exactly the prompt.
    assert.deepEqual(shown, [PROMPTS[0]!.replace('\x1b', '^[').replace('\x07', '^G'), PROMPTS[1]]);
  });

  it('plays the recording to its end; a prompt button seeks to its marker', async () => {
    await page.evaluate(() => (window as unknown as { aisessPlayer: { play(): Promise<void> } }).aisessPlayer.play());
    await page.waitForFunction(() => document.querySelector('.ap-term')?.textContent?.includes('HTML-EXPORT-END'), null, { timeout: 15_000 });
    const terminal = await page.locator('.ap-term').textContent();
    assert.match(terminal ?? '', /Working on a\.txt/);
    assert.doesNotMatch(terminal ?? '', /pwned-title/);
    assert.notEqual(await page.title(), 'pwned-title');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'export-html.png'), fullPage: true });
    // The second prompt came a second into the recording: its ▶ seeks there at once (playing from 0 would take 0.9 s).
    await page.evaluate(() => (window as unknown as { aisessPlayer: { pause(): void } }).aisessPlayer.pause());
    await page.evaluate(() => (window as unknown as { aisessPlayer: { seek(t: number): Promise<void> } }).aisessPlayer.seek(0));
    await page.locator('li.prompt button').last().click();
    await page.waitForFunction(() => (window as unknown as { aisessPlayer: { getCurrentTime(): number } }).aisessPlayer.getCurrentTime() >= 0.9, null, { timeout: 600 });
    assert.deepEqual(errors, []);
  });
});
