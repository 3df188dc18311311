import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { markPending } from '../../src/bind/pending-file.js';
import { openRepo } from '../../src/git/repo.js';
import { storeDirOf } from '../../src/hooks/init.js';
import { appendRecords, type NoteRecord } from '../../src/notes/index.js';
import { runCli } from '../helpers/cli.js';
import { git, gitEnv, tempRepo, writeTree } from '../helpers/git.js';
import { recordSteps } from '../history/record.js';

const env = { ...process.env, ...gitEnv, GIT_CEILING_DIRECTORIES: tmpdir(), TZ: 'UTC' };

// What a crafted note puts on the reader's terminal if printed raw: OSC 52 clipboard write, OSC 0
// title, screen clear, OSC 8 hyperlink, right-to-left override, NUL, DCS, C1 CSI.
const EVIL = '\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b[2J\x1b]8;;https://evil.test\x1b\\click\x1b]8;;\x1b\\\u202e\0\x1bP+q544e\x1b\\\x9b31m';
const BAD = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/;
const evil = (tag: string): string => `${tag}${EVIL}`;

function craftedRecord(): NoteRecord {
  const agent = (kind: string, fields: Record<string, unknown>): [number, string, string] => [1, 'aisess.agent', JSON.stringify({ kind, ...fields })];
  return {
    id: 's1:0',
    summary: { time: Date.UTC(2026, 0, 1, 10), agent: `claude/${evil('model')}`, durationMs: 3000, title: evil('title'), files: 1 },
    body: {
      v: 2,
      session: { id: evil('session'), agent: evil('agent'), argv: [evil('argv')], cwd: evil('/cwd'), startedAt: Date.UTC(2026, 0, 1, 10) },
      segment: { index: 0, start: 0, end: 3, firstChangeAt: 1, conversation: true },
      term: { cols: 80, rows: 24 },
      events: [
        agent('session', { agent: 'claude', id: evil('sid'), resume: evil('claude --resume ') }),
        agent('model', { name: evil('model') }),
        agent('prompt', { text: evil('prompt') }),
        agent('thinking', { text: evil('thinking') }),
        agent('answer', { text: evil('answer') }),
        agent('tool_call', { id: 't1', name: evil('tool'), args: { command: evil('arg') } }),
        agent('file_edit', { path: evil('edited'), change: 'edited', added: 1, removed: 0 }),
      ],
      screen: evil('screen\n'),
      stream: null,
      paths: [{ path: evil('path'), blob: null, status: evil('Xstatus'), bound: 'full' }],
      boundAt: Date.UTC(2026, 0, 1, 10),
      boundBy: evil('by'),
    },
  };
}

describe('note text reaches the terminal only made safe', () => {
  let repo: ReturnType<typeof tempRepo>;
  let record: NoteRecord;
  before(async () => {
    repo = tempRepo({ 'a.txt': 'a\n' });
    record = craftedRecord();
    await appendRecords(await openRepo(repo.path), git(repo.path, ['rev-parse', 'HEAD']), [record]);
  });
  after(() => repo.cleanup());

  const run = (args: string[]): string => {
    const r = runCli(args, { cwd: repo.path, env });
    assert.equal(r.status, 0, `aisess ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  for (const args of [['show', 'HEAD'], ['show', 'HEAD', '--screen'], ['log']]) {
    test(`aisess ${args.join(' ')} prints no control or bidi character from the note`, () => {
      const out = run(args);
      assert.doesNotMatch(out, BAD, JSON.stringify(out));
      // The fields are printed, visibly: the reader still sees what the note holds.
      assert.ok(out.includes('^[]52;c;ZXZpbA==^G^[]0;pwned^G^[[2J^[]8;;https://evil.test^[\\click^[]8;;^[\\\\u202e^@^[P+q544e^[\\\\u009b31m'), out);
    });
  }

  test('show names every text field, each made safe', () => {
    const out = run(['show', 'HEAD', '--screen']);
    for (const tag of ['session', 'agent', 'argv', 'model', 'claude --resume ', 'prompt', 'answer', 'tool', 'arg', '│ ']) assert.ok(out.includes(`${tag}^[]52`), `${tag} in ${out}`);
    assert.ok(out.includes('"path\\033]52;c;ZXZpbA==\\a\\033]0;pwned\\a'), out);
    assert.ok(out.includes('"edited\\033]52'), out);
  });

  test('show --json returns the strings exactly', () => {
    const json = JSON.parse(run(['show', 'HEAD', '--json']));
    const s = json.segments[0];
    assert.equal(s.id, record.id);
    assert.equal(s.title, evil('title'));
    assert.equal(s.session, evil('session'));
    assert.equal(s.agent, evil('agent'));
    assert.deepEqual(s.argv, [evil('argv')]);
    assert.equal(s.resume, evil('claude --resume '));
    assert.deepEqual(s.prompts, [evil('prompt')]);
    assert.deepEqual(s.answers, [evil('answer')]);
    assert.deepEqual(s.toolCalls[0], { name: evil('tool'), args: { command: evil('arg') }, ok: null, exitCode: null });
    assert.equal(s.paths[0].path, evil('path'));
    assert.equal(s.text, evil('screen\n'));
  });
});

test('aisess status prints a pending session\'s agent and paths made safe', async () => {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  try {
    writeTree(repo.path, { 'a.txt': 'b\n' });
    const blob = git(repo.path, ['hash-object', '-w', 'a.txt']);
    const rec = await recordSteps(repo.path, [{ output: 'hi\r\n' }, { wait: 1, change: [{ path: evil('path'), blob }] }], { agent: evil('agent') });
    // As `aisess run` does when the session changes a file: the session waits for a commit.
    await markPending(storeDirOf(await openRepo(repo.path)), rec.id, repo.path, Date.now());
    const r = runCli(['status'], { cwd: repo.path, env });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, BAD, JSON.stringify(r.stdout));
    assert.ok(r.stdout.includes('agent^[]52;c;'), `${r.stdout}\n${r.stderr}`);
    assert.ok(r.stdout.includes('"path\\033]52;c;'), r.stdout);
    const json = JSON.parse(runCli(['status', '--json'], { cwd: repo.path, env }).stdout);
    assert.equal(json.sessions[0].agent, evil('agent'));
    assert.equal(json.sessions[0].segments[0].paths[0].path, evil('path'));
  } finally {
    repo.cleanup();
  }
});
