import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SecretSample } from '../../fixtures/secrets/generate.js';
import { canary, PROMPT_FLAG, secretScript, TYPED_FLAG } from '../../fixtures/secrets/session-script.js';
import { runCli } from '../helpers/cli.js';
import { testEnv } from '../helpers/term.js';
import { haystacks, leakFinder } from '../redact/inject.js';
import { commitAndWaitForNote, decodeNoteText, onlySession, privacyRepo, runClaude, type DecodedNote, type PrivacyRepo, waitForJournal } from './privacy-session.js';

const samples: SecretSample[] = JSON.parse(readFileSync(new URL('../../fixtures/secrets/corpus.json', import.meta.url), 'utf8'));
const COLS = 80;
// Typed into the prompt box: what a person would type or paste, not whole transcript lines (the
// agent writes those; typing them char by char would take longer than the test's waits).
const typed = samples.filter((s) => !s.transcriptLine);

/**
 * Every corpus sample goes through the real `aisess run claude --capture-input`: streamed as an
 * answer, boxed at the terminal width, as window titles, typed into the prompt box, and (through
 * the fake's transcript) as agent events. The commit is bound by the installed hook; the note is
 * read with plain `git notes` and decoded: no sample, whole or any 12-character piece, survives.
 */
describe('secret corpus through aisess run, commit and note', { timeout: 600_000 }, () => {
  let repo: PrivacyRepo;
  let note: DecodedNote;
  let session: Awaited<ReturnType<typeof onlySession>>;
  before(async () => {
    repo = privacyRepo();
    const t = runClaude(repo, secretScript(samples, COLS), { aisessArgs: ['--capture-input'], cols: COLS });
    try {
      await t.waitFor('? for shortcuts');
      t.write('show me the credentials\r');
      await waitForJournal(repo, (e) => e.code === 'aisess.agent' && e.data.includes('"kind":"prompt"'));
      writeFileSync(join(repo.path, PROMPT_FLAG), '');
      // Typed while the turn runs (after the prompt, so in the bound segment); Ctrl-C clears the box.
      await t.waitFor(canary(samples.length - 1));
      // The agent showed every sample already: only its prompt box drawn after this mark echoes the typing.
      const typing = t.mark();
      for (const s of typed.slice(0, -1)) t.write(`${s.text.replaceAll('\n', ' ')}\x03`);
      const last = typed.at(-1)!.text;
      t.write(last);
      // Keys are read in order: once the last one shows, the agent has read every one before it.
      await t.waitFor(last.slice(-20), { after: typing, timeoutMs: 60_000 });
      // The agent must have read this Ctrl-C (its redraw shows it) before the script lets it exit:
      // one that arrives after the agent left raw mode becomes a real SIGINT.
      const mark = t.mark();
      t.write('\x03');
      await t.waitFor(/[\s\S]/, { after: mark });
      writeFileSync(join(repo.path, TYPED_FLAG), '');
      assert.deepEqual(await t.exited, { code: 0 });
    } finally {
      await t.dispose();
    }
    note = decodeNoteText(await commitAndWaitForNote(repo));
    session = await onlySession(repo);
  });
  after(() => repo?.cleanup());

  it('the session really carried the samples: the journal holds them in output, input and agent events', () => {
    const journal = session.events;
    const byCode = (code: string) => journal.filter((e) => e.code === code).map((e) => e.data).join('');
    for (const s of samples.slice(0, 3)) {
      const first = s.secret.split('\n')[0]!;
      assert.ok(byCode('o').includes(first), `output holds ${s.kind}`);
      assert.ok(byCode('i').includes(first), `input holds ${s.kind}`);
      assert.ok(byCode('aisess.agent').includes(JSON.stringify(first).slice(1, -1)), `agent events hold ${s.kind}`);
    }
  });

  it('the note kept the session: every canary line, redaction markers, agent events', () => {
    const all = note.events.flat();
    const output = all.filter((e) => e[1] === 'o').map((e) => e[2]).join('');
    // A few canaries go under a marker: a hit that begins on the short line above a key block
    // is not trimmed at that line break (over-redaction, not a leak; see docs/privacy.md).
    const kept = samples.filter((_, i) => output.includes(canary(i)));
    assert.ok(kept.length >= samples.length * 0.9, `${kept.length} of ${samples.length} canaries kept`);
    assert.ok((output.match(/\[REDACTED:/g) ?? []).length >= samples.length);
    assert.ok(all.some((e) => e[1] === 'i'), 'typed input is in the note (--capture-input)');
    assert.ok(all.some((e) => e[1] === 'aisess.agent'), 'transcript events are in the note');
  });

  it('no sample is findable in the note: raw text, records, streams, screen text, events', () => {
    const texts = [
      note.text,
      JSON.stringify(note.records),
      ...note.records.map((r) => String((r.body as { screen?: unknown }).screen ?? '')),
      ...note.events.flatMap((events) => haystacks(events)),
    ];
    const find = leakFinder(texts);
    const failed = samples.map((s) => ({ s, found: find(s.secret) })).filter((f) => f.found.length > 0);
    assert.deepEqual(failed.map((f) => `${f.s.kind}: ${f.found.length} pieces, e.g. ${f.found[0]!.slice(0, 4)}…`), []);
  });

  it('aisess scan HEAD reports nothing; aisess scan <session> reports the kinds, never the secrets', () => {
    const env = testEnv(repo.env);
    const cli = (args: string[]) => runCli(args, { cwd: repo.path, env, maxBuffer: 256 << 20 });
    const head = cli(['scan', 'HEAD', '--json']);
    assert.equal(head.status, 0, head.stderr);
    const headReport = JSON.parse(head.stdout) as { parts: { findings: unknown[] }[] };
    assert.ok(headReport.parts.length > 0);

    const scan = cli(['scan', session.id, '--json']);
    assert.equal(scan.status, 0, scan.stderr);
    const found = (JSON.parse(scan.stdout) as { parts: { findings: { kind: string }[] }[] }).parts.flatMap((p) => p.findings);
    assert.deepEqual(headReport.parts.flatMap((p) => p.findings), []);
    const kinds = new Set(found.map((f) => f.kind));
    for (const kind of ['github-token', 'private-key', 'aws-access-key-id', 'slack-token', 'jwt']) assert.ok(kinds.has(kind), `${kind} in ${[...kinds].join(', ')}`);
    const text = cli(['scan', session.id]);
    const find = leakFinder([scan.stdout, text.stdout]);
    assert.deepEqual(samples.filter((s) => find(s.secret).length > 0).map((s) => s.kind), []);
  });
});
