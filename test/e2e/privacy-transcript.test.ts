import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { PROMPT_FLAG, secretScript, TYPED_FLAG } from '../../fixtures/secrets/session-script.js';
import { PAUSED_TITLE, RESUMED_MARKER } from '../../src/pty/pause.js';
import { PAUSED_TEXT } from '../../src/pty/paused-agent.js';
import { cliArgv } from '../helpers/cli.js';
import { testEnv, type OuterTerminal } from '../helpers/term.js';
import { commitAndWaitForNote, decodeNoteText, onlySession, privacyRepo, runClaude, waitForJournal, type PrivacyRepo } from './privacy-session.js';
import { waitFor } from '../helpers/wait.js';

let repo: PrivacyRepo | undefined;
afterEach(() => repo?.cleanup());

/** fake-claude's turn: prompt "go", then `during`, then the script's file writes; the note on the commit. */
async function turn(r: PrivacyRepo, script: unknown[], during: (t: OuterTerminal) => Promise<void>) {
  const t = runClaude(r, script);
  try {
    await t.waitFor('? for shortcuts');
    t.write('go\r');
    await waitForJournal(r, (e) => e.code === 'aisess.agent' && e.data.includes('"kind":"prompt"'));
    writeFileSync(join(r.path, PROMPT_FLAG), '');
    await during(t);
    writeFileSync(join(r.path, TYPED_FLAG), '');
    assert.deepEqual(await t.exited, { code: 0 });
    const note = decodeNoteText(await commitAndWaitForNote(r));
    return { note, session: await onlySession(r) };
  } finally {
    await t.dispose();
  }
}

async function waitForTranscript(r: PrivacyRepo, text: string): Promise<void> {
  const dir = join(r.env.CLAUDE_CONFIG_DIR!, 'projects');
  const holds = () => readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('.jsonl') && readFileSync(join(dir, f), 'utf8').includes(text));
  await waitFor(holds, `the transcript to hold ${text}`);
}

function aisess(r: PrivacyRepo, args: string[]) {
  const [file, argv] = cliArgv(args);
  const out = spawnSync(file, argv, { cwd: r.path, env: testEnv(r.env), timeout: 60_000, encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out;
}

describe('privacy of the agent transcript', { timeout: 180_000 }, () => {
  it('a prompt typed while paused is in neither journal nor note, though its lines are read after the resume (last-prompt too)', async () => {
    repo = privacyRepo();
    const paused = 'PAUSED-PROMPT-k8Jq3 read my ssh key';
    const { note, session } = await turn(repo, secretScript([], 80), async (t) => {
      t.write('\u001dp');
      await t.waitFor(PAUSED_TITLE);
      t.write(`${paused}\r`);
      // Resume once the sent prompt is on screen (output shown while paused stays out; what is not
      // yet shown at the resume is recorded) and its line is in the transcript: the tail, polling
      // every 250 ms, most often reads that line after the resume.
      await t.waitFor(`\u001b[2m> ${paused}`);
      await waitForTranscript(repo!, 'PAUSED-PROMPT-k8Jq3');
      t.write('\u001dp');
      await waitForJournal(repo!, (e) => e.code === 'm' && e.data === RESUMED_MARKER);
      // The next prompt makes fake-claude (like Claude Code 2.1) write `last-prompt` of the paused turn, with no time.
      t.write('after-resume-prompt\r');
      await waitForJournal(repo!, (e) => e.code === 'aisess.agent' && e.data.includes('after-resume-prompt'));
    });
    const journal = JSON.stringify(session.events);
    if (process.env.DBG) console.log(session.events.filter((e) => e.code !== 'o').map((e) => e.time.toFixed(2) + ' ' + e.code + ' ' + e.data.slice(0, 160)).join('\n'));
    const traces = session.events.filter((e) => e.data.includes('PAUSED-PROMPT-k8Jq3')).map((e) => `${e.time} ${e.code} ${e.data.slice(0, 300)}`);
    assert.deepEqual(traces, [], 'the journal has no trace of the paused prompt');
    assert.ok(journal.includes('after-resume-prompt'), 'what came after the resume is recorded');
    assert.ok(session.events.some((e) => e.data.includes('last-prompt') && e.data.includes(PAUSED_TEXT)), 'the last-prompt line was read and kept, scrubbed');
    assert.ok(!note.text.includes('PAUSED-PROMPT') && !JSON.stringify(note.records).includes('PAUSED-PROMPT'));
  });

  it('an .env the agent writes: the secret is redacted in its transcript lines, the next keys kept; scan sees transcript lines', async () => {
    repo = privacyRepo();
    writeFileSync(join(repo.path, '.gitignore'), '.env\n');
    const password = 's3cr3t-Very-Long-Pass-9f8e7d';
    const content = `REDIS_URL=redis://localhost:6379\nREDIS_PASSWORD=${password}\nAPI_TOKEN_TTL=3600\nLOG_LEVEL=debug\n`;
    const script = secretScript([], 80);
    script.splice(script.length - 3, 0, { write: { path: '.env', content } });
    const { note, session } = await turn(repo, script, async () => {});
    assert.ok(JSON.stringify(session.events).includes(password.slice(6)), 'the local journal keeps it');
    const records = JSON.stringify(note.records);
    for (const piece of [password, password.slice(0, 12), password.slice(-12)]) assert.ok(!note.text.includes(piece) && !records.includes(piece), piece);
    const lines = note.events.flat().filter((e) => e[1] === 'aisess.agent').map((e) => JSON.parse(e[2]) as { kind: string; line?: string });
    const kept = lines.filter((e) => e.kind === 'transcript' && e.line!.includes('REDIS_PASSWORD'));
    assert.ok(kept.length >= 2, 'the Write call and its toolUseResult are kept');
    for (const e of kept) {
      assert.doesNotThrow(() => JSON.parse(e.line!));
      assert.ok(e.line!.includes('REDIS_PASSWORD=[REDACTED:') && e.line!.includes('\\nAPI_TOKEN_TTL=3600\\nLOG_LEVEL=debug'), e.line);
    }
    const noteScan = aisess(repo, ['scan', 'HEAD']);
    assert.match(noteScan.stderr, / 0 findings/);
    const journalScan = aisess(repo, ['scan', session.id]);
    assert.match(journalScan.stdout, /env-secret\tevent\tevent \d+ line>message\.content\[0\]\.input\.content/);
    assert.match(journalScan.stdout, /line>toolUseResult\.content/);
    assert.ok(!journalScan.stdout.includes(password) && !journalScan.stderr.includes(password));
  });
});
