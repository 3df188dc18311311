import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { PROMPT_FLAG, secretScript, TYPED_FLAG } from '../../fixtures/secrets/session-script.js';
import { PAUSED_MARKER, PAUSED_TITLE, RESUMED_MARKER } from '../../src/pty/pause.js';
import { INPUT_HIDDEN } from '../../src/pty/shim.js';
import { cliArgv } from '../helpers/cli.js';
import type { OuterTerminal } from '../helpers/term.js';
import { cliInTerminal, testEnv } from '../helpers/term.js';
import { commitAndWaitForNote, decodeNoteText, onlySession, privacyRepo, runClaude, waitForJournal, type PrivacyRepo } from './privacy-session.js';

let repo: PrivacyRepo | undefined;
afterEach(() => repo?.cleanup());

/**
 * One turn of fake-claude: the user's prompt, then `during` (typing while the turn runs, so in the
 * segment the commit binds), then a file write and exit; the commit is bound by the installed hook.
 */
async function turn(r: PrivacyRepo, script: unknown[], aisessArgs: string[], during: (t: OuterTerminal) => Promise<void>) {
  const t = runClaude(r, script, { aisessArgs });
  try {
    await t.waitFor('? for shortcuts');
    t.write('go\r');
    await waitForJournal(r, (e) => e.code === 'aisess.agent' && e.data.includes('"kind":"prompt"'));
    writeFileSync(join(r.path, PROMPT_FLAG), '');
    await during(t);
    writeFileSync(join(r.path, TYPED_FLAG), '');
    assert.deepEqual(await t.exited, { code: 0 });
    const note = decodeNoteText(await commitAndWaitForNote(r));
    return { note, session: await onlySession(r), shown: t.output() };
  } finally {
    await t.dispose();
  }
}

const byCode = (events: readonly { code: string; data: string }[], code: string) => events.filter((e) => e.code === code).map((e) => e.data).join('');
const noteOutput = (events: [number, string, string][][]) => events.flat().filter((e) => e[1] === 'o').map((e) => e[2]).join('');

describe('privacy in a real terminal session', { timeout: 180_000 }, () => {
  it('OSC 0/2 titles and OSC 7 cwd (host, user, path) never reach the note; replay of the note still works', async () => {
    repo = privacyRepo();
    const leaky = [
      '\u001b]0;ada@build-host-7: ~/src/secret-project\u0007',
      '\u001b]2;ada@build-host-7: /home/ada/src/secret-project\u001b\\',
      '\u001b]7;file://build-host-7/home/ada/src/secret-project\u0007',
      '\u001b]1;build-host-7\u0007',
    ];
    const script = secretScript([], 80);
    script.splice(2, 0, ...leaky.map((raw) => ({ raw })), { say: 'titles set' });
    const { note, session, shown } = await turn(repo, script, [], async () => {});
    assert.match(shown, /build-host-7/, 'the user\'s terminal got the titles');
    assert.match(byCode(session.events, 'o'), /build-host-7/, 'the journal keeps them (local only)');
    assert.match(noteOutput(note.events), /titles set/);
    for (const leak of ['build-host-7', '/home/ada', 'ada@', 'secret-project']) assert.ok(!note.text.includes(leak) && !JSON.stringify(note.records).includes(leak), leak);

    const [file, argv] = cliArgv(['replay', 'HEAD', '--instant']);
    const replay = spawnSync(file, argv, { cwd: repo.path, env: testEnv(repo.env), timeout: 60_000 });
    assert.equal(replay.status, 0, replay.stderr.toString());
    const ordered = note.records.map((r, i) => ({ start: (r.body as { segment: { start: number } }).segment.start, i })).sort((a, b) => a.start - b.start);
    const expected = ordered.map(({ i }) => noteOutput([note.events[i]!])).join('');
    assert.equal(replay.stdout.toString('utf8'), expected);
  });

  for (const capture of [false, true]) {
    it(`a password typed into the prompt box: ${capture ? 'with --capture-input it is redacted in the note' : 'without --capture-input no keys are journalled'}`, async () => {
      repo = privacyRepo();
      const password = 'password=Xq9vLm3Rt8Hunter2Kp';
      const { note, session } = await turn(repo, secretScript([], 80), capture ? ['--capture-input'] : [], async (t) => {
        t.write(password);
        await t.waitFor('Hunter2Kp');
        t.write('\u0003');
      });
      const typed = byCode(session.events, 'i');
      if (capture) assert.ok(typed.includes(password), 'the local journal has the keys');
      else assert.equal(session.events.filter((e) => e.code === 'i').length, 0);
      if (capture) assert.ok(note.events.flat().some((e) => e[1] === 'i'), 'the note has input events');
      for (const piece of ['Xq9vLm3Rt8Hu', 'Hunter2Kp']) assert.ok(!note.text.includes(piece) && !JSON.stringify(note.records).includes(piece), piece);
      assert.ok(!noteOutput(note.events).includes('Xq9vLm3Rt8'));
    });
  }

  it('with --capture-input, a password typed with echo off (read -s) is in neither journal nor note; echoed keys are', async () => {
    repo = privacyRepo();
    const secret = 'Zp4uQw8Ek2NoEchoPw';
    const script = 'read -r -p "First: " a; echo "a=$a"; read -rs -p "Password: " pw; echo; echo "got ${#pw}"; read -r c; echo "c=$c"; echo work > work.txt';
    const t = cliInTerminal(['run', '--capture-input', '--', 'bash', '-c', script], { cwd: repo.path, env: repo.env });
    try {
      // Keys typed before bash reads meet the pty's start-up state, which counts as hidden.
      await t.waitFor('First: ');
      t.write('typed-in-the-open\r');
      await t.waitFor('Password: ');
      t.write(`${secret}\r`);
      await t.waitFor(`got ${secret.length}`);
      t.write('after-the-prompt\r');
      assert.deepEqual(await t.exited, { code: 0 });
    } finally {
      await t.dispose();
    }
    const note = decodeNoteText(await commitAndWaitForNote(repo));
    const session = await onlySession(repo);
    const typed = byCode(session.events, 'i');
    assert.ok(typed.includes('typed-in-the-open') && typed.includes('after-the-prompt'), typed);
    assert.ok(!JSON.stringify(session.events).includes('NoEchoPw'), 'not in the journal');
    assert.ok(!note.text.includes('NoEchoPw') && !JSON.stringify(note.records).includes('NoEchoPw'), 'not in the note');
    assert.ok(session.events.some((e) => e.code === 'm' && e.data === INPUT_HIDDEN), 'a marker stands in for the hidden keys');
    assert.ok(note.events.flat().some((e) => e[1] === 'i' && e[2].includes('after-the-prompt')), 'the note has the echoed keys');
  });

  it('Ctrl-] p pauses: what is typed and shown meanwhile is in neither journal nor note; markers stand in', async () => {
    repo = privacyRepo();
    const { note, session, shown } = await turn(repo, secretScript([], 80), ['--capture-input'], async (t) => {
      t.write('\u001dp');
      await t.waitFor(PAUSED_TITLE);
      t.write('PAUSED-zq7Wx');
      await t.waitFor('PAUSED-zq7Wx');
      // Cleared before resuming, as a person would: the agent redraws its input box on every spinner
      // frame, so text still in it when the recording resumes is shown again, and recorded. The second
      // Ctrl-C arms quitting; its hint says the agent has taken both and the box is empty.
      const cleared = t.mark();
      t.write('\u0003\u0003');
      await t.waitFor('Press Ctrl-C again to exit', { after: cleared });
      t.write('\u001dp');
      await waitForJournal(repo!, (e) => e.code === 'm' && e.data === RESUMED_MARKER);
      t.write('after-resume');
      await t.waitFor('after-resume');
      t.write('\u0003');
    });
    assert.ok(shown.includes('PAUSED-zq7Wx'), 'the agent got the keys and drew them');
    const journal = JSON.stringify(session.events);
    assert.ok(!journal.includes('PAUSED-zq7Wx'));
    assert.ok(!JSON.stringify(note.records).includes('PAUSED-zq7Wx') && !note.text.includes('PAUSED-zq7Wx'));
    assert.deepEqual(session.events.filter((e) => e.code === 'm' && e.data.startsWith('recording')).map((e) => e.data), [PAUSED_MARKER, RESUMED_MARKER]);
    assert.deepEqual(session.events.filter((e) => e.code === 'aisess.pause').map((e) => JSON.parse(e.data)), [{ paused: true }, { paused: false }]);
    assert.ok(byCode(session.events, 'i').includes('after-resume') && !byCode(session.events, 'i').includes('\u001d'));
    assert.ok(note.events.flat().some((e) => e[1] === 'm' && e[2] === PAUSED_MARKER), 'the note marks the gap');
  });
});
